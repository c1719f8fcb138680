// Built-in intents and slot types the model uses (interaction-model.md §3, §5).
import { BUILTIN_INTENT_NAMES, BUILTIN_SLOT_TYPE_NAMES } from "@clover/nlu";
import type { InteractionModel } from "@clover/protocol";

export function Builtins({
  model,
  onChange,
}: {
  model: InteractionModel;
  onChange: (m: InteractionModel) => void;
}) {
  const intents = model.builtinIntents ?? [];
  const types = model.builtinSlotTypes ?? [];
  const toggle = (list: string[], name: string, on: boolean) =>
    on ? [...new Set([...list, name])] : list.filter((n) => n !== name);
  return (
    <div className="grid2">
      <fieldset>
        <legend>Built-in intents</legend>
        {BUILTIN_INTENT_NAMES.map((name) => (
          <label key={name} className="check">
            <input
              type="checkbox"
              checked={intents.includes(name)}
              disabled={name === "Clova.GuideIntent" && intents.includes(name)}
              onChange={(e) =>
                onChange({ ...model, builtinIntents: toggle(intents, name, e.target.checked) })
              }
            />{" "}
            {name}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Built-in slot types</legend>
        <div className="scroll">
          {BUILTIN_SLOT_TYPE_NAMES.map((name) => (
            <label key={name} className="check">
              <input
                type="checkbox"
                checked={types.includes(name)}
                onChange={(e) =>
                  onChange({ ...model, builtinSlotTypes: toggle(types, name, e.target.checked) })
                }
              />{" "}
              {name}
            </label>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
