// Every finding names what it is about, not only where (interaction-model.md §8.3 asks errors
// to name the offending text): a finding under `intents[3]` that does not already name its
// intent gets "intent OrderTea: " in front; under `intents[3].slots[1]` also its slot; under
// `customSlotTypes[2]` its slot type. The JSON path stays as it was.
import type { InteractionModel } from "@clover/protocol";
import type { ModelIssue } from "./issues.js";

const INTENT = /^intents\[(\d+)\](?:\.slots\[(\d+)\])?/;
const SLOT_TYPE = /^customSlotTypes\[(\d+)\]/;

const named = (value: unknown): string | undefined =>
  typeof value === "string" && value !== "" ? value : undefined;

function subjectOf(model: InteractionModel, path: string): string[] {
  const intentAt = INTENT.exec(path);
  if (intentAt) {
    const intent = Array.isArray(model.intents) ? model.intents[Number(intentAt[1])] : undefined;
    const intentName = named(intent?.name);
    if (!intentName) return [];
    const slot =
      intentAt[2] !== undefined && Array.isArray(intent?.slots)
        ? named(intent.slots[Number(intentAt[2])]?.name)
        : undefined;
    return slot ? [`intent ${intentName}`, `slot ${slot}`] : [`intent ${intentName}`];
  }
  const typeAt = SLOT_TYPE.exec(path);
  if (typeAt && Array.isArray(model.customSlotTypes)) {
    const typeName = named(model.customSlotTypes[Number(typeAt[1])]?.name);
    return typeName ? [`slot type ${typeName}`] : [];
  }
  return [];
}

/** Puts the missing subjects in front of each finding's message (in place). */
export function nameSubjects(model: InteractionModel, issues: ModelIssue[]): void {
  for (const issue of issues) {
    if (!issue.path) continue;
    const missing = subjectOf(model, issue.path).filter(
      (subject) =>
        !new RegExp(`\\b${subject.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`).test(issue.message),
    );
    if (missing.length > 0) issue.message = `${missing.join(", ")}: ${issue.message}`;
  }
}
