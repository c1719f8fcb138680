// Writes a .d.ts describing an interaction model's intents and slots, so handlers are checked
// by the compiler: `createExtension<DiceModel>()` then `onIntent("ThrowDiceIntent", ...)` and
// `ctx.slot("diceCount")` only accept names the model defines (interaction-model.md §2).
import type { InteractionModel } from "@clover/protocol";

export interface GenerateModelTypesOptions {
  /** Name of the generated interface. Default "Model". */
  name?: string;
}

const ALWAYS_ENABLED = "Clova.GuideIntent"; // interaction-model.md §3.3

/** One model, or the same extension's models in several languages (merged). */
export function generateModelTypes(
  model: InteractionModel | readonly InteractionModel[],
  options: GenerateModelTypesOptions = {},
): string {
  const models = Array.isArray(model) ? model : [model as InteractionModel];
  const name = options.name ?? "Model";
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new Error(`not a TypeScript identifier: ${name}`);

  // Closed custom slot types → union of their representative words, across languages.
  const slotTypeValues = new Map<string, Set<string> | null>();
  for (const m of models) {
    for (const type of m.customSlotTypes ?? []) {
      const known = slotTypeValues.get(type.name);
      if (type.open || known === null) {
        slotTypeValues.set(type.name, null);
        continue;
      }
      const set = known ?? new Set<string>();
      for (const v of type.values) set.add(v.value);
      slotTypeValues.set(type.name, set);
    }
  }
  const intents = new Map<string, Map<string, string>>();
  for (const m of models) {
    for (const intent of m.intents) {
      const slots = intents.get(intent.name) ?? new Map<string, string>();
      for (const slot of intent.slots ?? []) slots.set(slot.name, slot.type);
      intents.set(intent.name, slots);
    }
  }
  const builtins = new Set<string>([ALWAYS_ENABLED]);
  for (const m of models) for (const b of m.builtinIntents ?? []) builtins.add(b);

  const valueType = (slotType: string): string => {
    const values = slotTypeValues.get(slotType);
    if (!values || values.size === 0) return "string";
    return [...values]
      .sort()
      .map((v) => JSON.stringify(v))
      .join(" | ");
  };

  const lines: string[] = [
    "// Generated from the interaction model by generateModelTypes (`clover model types`).",
    "// Do not edit: regenerate when the model changes.",
    "",
    `/** Intents and slots of ${languagesOf(models)}. */`,
    `export interface ${name} {`,
    "  intents: {",
  ];
  for (const [intent, slots] of [...intents].sort(([a], [b]) => a.localeCompare(b))) {
    if (slots.size === 0) {
      lines.push(`    ${JSON.stringify(intent)}: {};`);
      continue;
    }
    lines.push(`    ${JSON.stringify(intent)}: {`);
    for (const [slot, type] of slots) {
      lines.push(`      /** ${type} */`, `      ${JSON.stringify(slot)}: ${valueType(type)};`);
    }
    lines.push("    };");
  }
  for (const builtin of [...builtins].sort()) lines.push(`    ${JSON.stringify(builtin)}: {};`);
  lines.push("  };", "}", "");
  lines.push(`export type ${name}IntentName = keyof ${name}["intents"];`, "");
  return lines.join("\n");
}

function languagesOf(models: readonly InteractionModel[]): string {
  const invocation = models[0]?.invocation.main ?? "the extension";
  return `"${invocation}" (${models.map((m) => m.language).join(", ")})`;
}
