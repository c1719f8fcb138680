// One custom intent: its name, slots (name + type) and utterance examples.
import { exportIntentTsv, type ModelIssue, tsvFileName } from "@clover/nlu";
import type { CustomIntent } from "@clover/protocol";
import { useState } from "react";
import { Issues, issuesFor } from "../fields.js";
import { download } from "./files.js";
import { SLOT_COLORS, Utterance } from "./Utterance.js";

interface Props {
  intent: CustomIntent;
  index: number;
  slotTypes: string[];
  issues: ModelIssue[];
  onChange: (intent: CustomIntent) => void;
  onRemove: () => void;
}

export function IntentEditor({ intent, index, slotTypes, issues, onChange, onRemove }: Props) {
  const [draft, setDraft] = useState("");
  const slots = intent.slots ?? [];
  const slotNames = slots.map((s) => s.name);
  const base = `intents[${index}]`;
  const own = issues.filter((i) => {
    const p = i.path ?? "";
    return p === base || p === `${base}.name` || p === `${base}.utterances`;
  });
  const update = (patch: Partial<CustomIntent>) => onChange({ ...intent, ...patch });
  const setUtterance = (n: number, text: string) =>
    update({ utterances: intent.utterances.map((u, i) => (i === n ? text : u)) });
  const makeSlot = (n: number, example: string, name: string) =>
    update({
      utterances: intent.utterances.map((u, i) => (i === n ? example : u)),
      slots: slotNames.includes(name)
        ? slots
        : [...slots, { name, type: slotTypes[0] ?? "CLOVA.NUMBER" }],
    });

  function add(event: React.FormEvent) {
    event.preventDefault();
    const text = draft.trim();
    if (!text) return;
    update({ utterances: [...intent.utterances, text] });
    setDraft("");
  }

  return (
    <article className="card intent" aria-labelledby={`intent-${index}`}>
      <div className="row spread">
        <h3 id={`intent-${index}`}>
          <input
            aria-label="Intent name"
            className="title-input"
            value={intent.name}
            onChange={(e) => update({ name: e.target.value })}
          />
        </h3>
        <div className="row">
          <button
            type="button"
            className="quiet small"
            onClick={() =>
              download(
                tsvFileName(intent.name),
                exportIntentTsv(intent),
                "text/tab-separated-values",
              )
            }
          >
            Export TSV
          </button>
          <button type="button" className="quiet small danger" onClick={onRemove}>
            Delete intent
          </button>
        </div>
      </div>
      <Issues issues={own} />
      <h4>Slots</h4>
      {slots.length === 0 && (
        <p className="muted">No slots. Select words in an example to make one.</p>
      )}
      <ul className="slots">
        {slots.map((slot, n) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: slots are renamed in place; the position is the identity
          <li key={n} className="row">
            <span className={`swatch c${n % SLOT_COLORS}`} aria-hidden="true" />
            <input
              aria-label={`Slot ${n + 1} name`}
              value={slot.name}
              onChange={(e) =>
                update({
                  slots: slots.map((s, i) => (i === n ? { ...s, name: e.target.value } : s)),
                })
              }
            />
            <select
              aria-label={`Type of slot ${slot.name}`}
              value={slot.type}
              onChange={(e) =>
                update({
                  slots: slots.map((s, i) => (i === n ? { ...s, type: e.target.value } : s)),
                })
              }
            >
              {[...new Set([slot.type, ...slotTypes])].map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="quiet small danger"
              onClick={() => update({ slots: slots.filter((_, i) => i !== n) })}
              aria-label={`Delete slot ${slot.name}`}
            >
              Delete
            </button>
            <Issues issues={issuesFor(issues, `${base}.slots[${n}]`)} />
          </li>
        ))}
      </ul>
      <h4>Utterance examples ({intent.utterances.length})</h4>
      <ul className="utterances">
        {intent.utterances.map((u, n) => {
          const found = issuesFor(issues, `${base}.utterances[${n}]`);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: examples are edited in place; the position is the identity
            <div key={`${n}:${u}`}>
              <Utterance
                example={u}
                slotNames={slotNames}
                invalid={found.some((i) => i.severity === "error")}
                onChange={(text) => setUtterance(n, text)}
                onRemove={() => update({ utterances: intent.utterances.filter((_, i) => i !== n) })}
                onMakeSlot={(example, name) => makeSlot(n, example, name)}
              />
              <Issues issues={found} />
            </div>
          );
        })}
      </ul>
      <form className="row grow" onSubmit={add}>
        <input
          aria-label={`New example for ${intent.name}`}
          placeholder="Type an example, e.g. roll two dice"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit" disabled={draft.trim() === ""}>
          Add example
        </button>
      </form>
    </article>
  );
}
