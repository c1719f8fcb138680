// Custom slot type dictionary TSV (interaction-model.md §8.1, §8.3): representative word, then
// synonyms, TAB-separated, no header.
import type { CustomSlotType, CustomSlotValue } from "@clover/protocol";
import { checkDictionary } from "./dictionary.js";
import type { ModelIssue } from "./issues.js";
import { LIMITS } from "./limits.js";
import { checkName } from "./names.js";
import { assertCell, tsvCells, tsvFileName, tsvLines } from "./tsv-lines.js";

export function importSlotTypeTsv(
  name: string,
  tsv: string,
  file = tsvFileName(name),
): { slotType?: CustomSlotType; issues: ModelIssue[] } {
  const issues: ModelIssue[] = [];
  const at = (line: number, column: number) => ({ file, line, column });
  const nameIssues: ModelIssue[] = [];
  checkName(name, "slot type", "name", nameIssues);
  for (const i of nameIssues) issues.push({ severity: i.severity, message: i.message, file });
  const values: CustomSlotValue[] = [];
  const where: { line: number; columns: number[] }[] = [];
  let items = 0;
  for (const { line, text } of tsvLines(tsv)) {
    if (/^\[INTENT (?:SLOT|EXPRESSION)\]$/.test(text)) {
      issues.push({
        severity: "error",
        message: `${text} is an intent file header; this is a slot type file`,
        ...at(line, 1),
      });
      continue;
    }
    const cells = tsvCells(text);
    const words: string[] = [];
    const columns: number[] = [];
    for (const cell of cells) {
      if (cell.text === "") {
        issues.push({
          severity: "warning",
          message: "empty column ignored (two TABs in a row)",
          ...at(line, cell.column),
        });
        continue;
      }
      words.push(cell.text);
      columns.push(cell.column);
    }
    if (cells.length === 1 && /\u3000| {2,}/.test(text))
      issues.push({
        severity: "warning",
        message: `no TAB in ${JSON.stringify(text)}: the whole line is one word (columns are separated by TAB, not spaces)`,
        ...at(line, 1),
      });
    const [value, ...synonyms] = words;
    if (value === undefined) continue;
    items += words.length;
    values.push(synonyms.length > 0 ? { value, synonyms } : { value });
    where.push({ line, columns });
  }
  if (items > LIMITS.slotTypeItems)
    issues.push({
      severity: "error",
      message: `${items} words (values + synonyms); at most ${LIMITS.slotTypeItems} per slot type`,
      file,
    });
  if (values.length === 0)
    issues.push({ severity: "error", message: "the file has no entries", file });
  const { findings, merged } = checkDictionary(values);
  for (const f of findings) {
    const w = where[f.entry];
    if (w)
      issues.push({
        severity: f.severity,
        message: f.message.replace(/entry (\d+)/g, (_, n) => `line ${where[Number(n) - 1]?.line}`),
        ...at(w.line, w.columns[f.synonym + 1] ?? 1),
      });
  }
  if (issues.some((i) => i.severity === "error")) return { issues };
  return { slotType: { name, values: merged }, issues };
}

/** TAB-separated, LF line ends, no BOM (§8.3). */
export function exportSlotTypeTsv(slotType: CustomSlotType): string {
  return slotType.values
    .map((v) =>
      [v.value, ...(v.synonyms ?? [])]
        .map((w) => assertCell(w, `word of ${slotType.name}`))
        .join("\t"),
    )
    .map((l) => `${l}\n`)
    .join("");
}
