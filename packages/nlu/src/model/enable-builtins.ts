// TSV files cannot say which built-in slot types a model enables (the console keeps that
// elsewhere), yet a model must enable every one its intents use (interaction-model.md §5).
// On import, the built-in types the intents use are enabled, each with a warning saying so.
import type { InteractionModel } from "@clover/protocol";
import { isBuiltinSlotType } from "../slot-types/index.js";
import type { ModelIssue } from "./issues.js";

/** Adds to `builtinSlotTypes` the known built-in types the intents use; one warning each. */
export function enableUsedBuiltinSlotTypes(model: InteractionModel): ModelIssue[] {
  const enabled = new Set(model.builtinSlotTypes ?? []);
  const issues: ModelIssue[] = [];
  for (const [i, intent] of model.intents.entries())
    for (const [s, slot] of (intent.slots ?? []).entries()) {
      const type = slot.type;
      if (!type.startsWith("CLOVA.") || enabled.has(type) || !isBuiltinSlotType(type)) continue;
      enabled.add(type);
      issues.push({
        severity: "warning",
        message: `built-in slot type ${type} enabled because slot ${slot.name} of ${intent.name} uses it (TSV files cannot say so)`,
        path: `intents[${i}].slots[${s}].type`,
      });
    }
  if (issues.length > 0) model.builtinSlotTypes = [...enabled] as typeof model.builtinSlotTypes;
  return issues;
}
