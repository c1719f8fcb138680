// TSV import/export (interaction-model.md §8).
import type { CustomIntent, CustomSlotType } from "@clover/protocol";
import type { ModelIssue } from "./issues.js";

export function importSlotTypeTsv(
  name: string,
  tsv: string,
  _file?: string,
): { slotType?: CustomSlotType; issues: ModelIssue[] } {
  const values = tsv
    .split(/\r?\n/)
    .filter((l) => l.trim() !== "")
    .map((l) => {
      const [value = "", ...synonyms] = l.split("\t");
      return { value, synonyms };
    });
  return { slotType: { name, values }, issues: [] };
}

export function importIntentTsv(
  name: string,
  _tsv: string,
  _file?: string,
): { intent?: CustomIntent; issues: ModelIssue[] } {
  return { intent: { name, slots: [], utterances: [] }, issues: [] };
}

export function exportSlotTypeTsv(slotType: CustomSlotType): string {
  return slotType.values.map((v) => [v.value, ...(v.synonyms ?? [])].join("\t")).join("\n");
}

export function exportIntentTsv(intent: CustomIntent): string {
  const slots = (intent.slots ?? []).map((s) => `${s.name}\t${s.type}`);
  return ["[INTENT SLOT]", ...slots, "", "[INTENT EXPRESSION]", ...intent.utterances, ""].join(
    "\n",
  );
}
