// Retired built-in slot type names (interaction-model.md §5.5): `CLOVA.CURRENCY` was renamed
// `CLOVA.UNIT_CURRENCY`, and "old models are converted automatically". A model that still
// says the old name is accepted; on upload it is rewritten to the new name, with a warning.
import type { InteractionModel } from "@clover/protocol";
import type { ModelIssue } from "./issues.js";

export const RETIRED_SLOT_TYPES: Readonly<Record<string, string>> = Object.freeze({
  "CLOVA.CURRENCY": "CLOVA.UNIT_CURRENCY",
});

/** The current name of a built-in slot type (the retired one's successor, else itself). */
export function currentSlotTypeName(name: string): string {
  return Object.hasOwn(RETIRED_SLOT_TYPES, name) ? RETIRED_SLOT_TYPES[name]! : name;
}

export function retiredNameNote(name: string): string {
  return `${name} was renamed ${currentSlotTypeName(name)} (§5.5); it is read as ${currentSlotTypeName(name)}`;
}

/**
 * Rewrites retired names in `builtinSlotTypes` and in the intents' slots to the current ones
 * (in place; a type listed under both names is listed once). One warning per rewrite.
 */
export function convertRetiredSlotTypes(model: InteractionModel): ModelIssue[] {
  const issues: ModelIssue[] = [];
  if (typeof model !== "object" || model === null) return issues;
  if (Array.isArray(model.builtinSlotTypes)) {
    const renamed: string[] = [];
    model.builtinSlotTypes.forEach((name, k) => {
      if (typeof name === "string" && Object.hasOwn(RETIRED_SLOT_TYPES, name))
        issues.push({
          severity: "warning",
          message: `${retiredNameNote(name)}; the model now says ${currentSlotTypeName(name)}`,
          path: `builtinSlotTypes[${k}]`,
        });
      renamed.push(typeof name === "string" ? currentSlotTypeName(name) : name);
    });
    model.builtinSlotTypes = [...new Set(renamed)] as typeof model.builtinSlotTypes;
  }
  if (Array.isArray(model.intents))
    model.intents.forEach((intent, i) => {
      if (!Array.isArray(intent?.slots)) return;
      intent.slots.forEach((slot, s) => {
        if (typeof slot?.type !== "string" || !Object.hasOwn(RETIRED_SLOT_TYPES, slot.type)) return;
        issues.push({
          severity: "warning",
          message: `slot ${slot.name} of intent ${intent.name}: ${retiredNameNote(slot.type)}; the model now says ${currentSlotTypeName(slot.type)}`,
          path: `intents[${i}].slots[${s}].type`,
        });
        slot.type = currentSlotTypeName(slot.type) as typeof slot.type;
      });
    });
  return issues;
}
