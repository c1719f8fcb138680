// Custom intent TSV (interaction-model.md §8.2, §8.3): an optional `[INTENT SLOT]` section of
// `slotName<TAB>slotType` lines, then `[INTENT EXPRESSION]` with one utterance example a line.
import type { CustomIntent, IntentSlot } from "@clover/protocol";
import { isBuiltinSlotType } from "../slot-types/index.js";
import { ModelError, type ModelIssue } from "./issues.js";
import { LIMITS } from "./limits.js";
import { checkName } from "./names.js";
import { assertCell, tsvCells, tsvFileName, tsvLines } from "./tsv-lines.js";
import { parseUtterance } from "./utterance.js";

const SLOT_HEADER = "[INTENT SLOT]";
const EXPRESSION_HEADER = "[INTENT EXPRESSION]";

export function importIntentTsv(
  name: string,
  tsv: string,
  file = tsvFileName(name),
): { intent?: CustomIntent; issues: ModelIssue[]; lines?: IntentTsvLines } {
  const issues: ModelIssue[] = [];
  const report = (severity: ModelIssue["severity"], message: string, line: number, column = 1) => {
    issues.push({ severity, message, file, line, column });
  };
  const intentName: ModelIssue[] = [];
  checkName(name, "intent", "name", intentName);
  for (const i of intentName) issues.push({ severity: i.severity, message: i.message, file });

  let section: "none" | "slots" | "expressions" = "none";
  const slots: IntentSlot[] = [];
  const slotLines = new Map<string, number>();
  const utterances: string[] = [];
  const utteranceLines = new Map<string, number>();
  for (const { line, text } of tsvLines(tsv)) {
    if (text === SLOT_HEADER) {
      if (section !== "none")
        report("error", `${SLOT_HEADER} must be the first section and appear once`, line);
      section = "slots";
      continue;
    }
    if (text === EXPRESSION_HEADER) {
      if (section === "expressions") report("error", `${EXPRESSION_HEADER} appears twice`, line);
      section = "expressions";
      continue;
    }
    if (/^\s*\[[A-Za-z _]+\]$/.test(text)) {
      report(
        "error",
        `unknown section header ${JSON.stringify(text.trim())}; expected ${SLOT_HEADER} or ${EXPRESSION_HEADER} (case-sensitive)`,
        line,
      );
      continue;
    }
    if (section === "none") {
      report(
        "error",
        `${JSON.stringify(text)} comes before ${SLOT_HEADER} / ${EXPRESSION_HEADER}`,
        line,
      );
      continue;
    }
    if (section === "slots") {
      const cells = tsvCells(text);
      const [slotName, slotType, extra] = cells;
      if (!slotName || !slotType || slotType.text === "" || extra) {
        report(
          "error",
          `expected "slotName<TAB>slotType", got ${JSON.stringify(text)}`,
          line,
          extra?.column ?? 1,
        );
        continue;
      }
      const typeIssues: ModelIssue[] = [];
      let typeOk = true;
      if (!slotType.text.startsWith("CLOVA."))
        typeOk = checkName(slotType.text, "slot type", "", typeIssues);
      else if (!isBuiltinSlotType(slotType.text)) {
        typeOk = false;
        report("error", `unknown built-in slot type ${slotType.text}`, line, slotType.column);
      }
      for (const f of typeIssues) report(f.severity, f.message, line, slotType.column);
      const nameIssues: ModelIssue[] = [];
      const nameOk = checkName(slotName.text, "slot", "", nameIssues);
      for (const f of nameIssues) report(f.severity, f.message, line, slotName.column);
      if (!typeOk || !nameOk) continue;
      const first = slotLines.get(slotName.text);
      const before = slots.find((s) => s.name === slotName.text);
      if (first !== undefined && before) {
        if (before.type === slotType.text)
          report(
            "warning",
            `slot ${slotName.text} repeats line ${first}; the first is kept`,
            line,
            slotName.column,
          );
        else
          report(
            "error",
            `slot ${slotName.text} is declared at line ${first} with type ${before.type}`,
            line,
            slotName.column,
          );
        continue;
      }
      slotLines.set(slotName.text, line);
      slots.push({ name: slotName.text, type: slotType.text });
      continue;
    }
    const lead = text.length - text.trimStart().length;
    const example = text.trimStart();
    try {
      const parsed = parseUtterance(example);
      for (const span of parsed.slots)
        if (!slotLines.has(span.name))
          report(
            "error",
            `slot <${span.name}> is not declared in ${SLOT_HEADER}`,
            line,
            lead + example.indexOf(`<${span.name}>`) + 1,
          );
      if (parsed.text.length > LIMITS.utteranceLength)
        report(
          "error",
          `utterance is ${parsed.text.length} characters long; at most ${LIMITS.utteranceLength} are allowed`,
          line,
          lead + 1,
        );
    } catch (e) {
      if (!(e instanceof ModelError)) throw e;
      report(
        "error",
        `${e.message.replace(/^column \d+: /, "")} in ${JSON.stringify(example)}`,
        line,
        lead + (e.column ?? 1),
      );
      continue;
    }
    const first = utteranceLines.get(example);
    if (first !== undefined) {
      report("warning", `utterance repeats line ${first}; the first is kept`, line, lead + 1);
      continue;
    }
    utteranceLines.set(example, line);
    utterances.push(example);
  }
  if (utterances.length === 0 && !issues.some((i) => i.severity === "error"))
    issues.push({
      severity: "error",
      message: `no utterance examples (${EXPRESSION_HEADER} section missing or empty)`,
      file,
    });
  if (utterances.length > LIMITS.utterancesPerIntent)
    issues.push({
      severity: "error",
      message: `${utterances.length} utterance examples; at most ${LIMITS.utterancesPerIntent} per intent`,
      file,
    });
  if (issues.some((i) => i.severity === "error")) return { issues };
  const lines = {
    slots: slots.map((s) => slotLines.get(s.name)!),
    utterances: utterances.map((u) => utteranceLines.get(u)!),
  };
  return { intent: { name, slots, utterances }, issues, lines };
}

/** The file line of each imported slot and utterance example, in the intent's order. */
export interface IntentTsvLines {
  slots: number[];
  utterances: number[];
}

/**
 * Findings about an intent imported from a TSV file, located in that file (§8.3: every error
 * names the file and line): `intents[k].slots[j]…` → the line of slot j, `intents[k].utterances[u]`
 * → the line of example u (same column), any other path under `intents[k]` → the file. Findings
 * about other parts of the model are returned as they are.
 */
export function locateIntentIssues(
  issues: readonly ModelIssue[],
  intentIndex: number,
  file: string,
  lines: IntentTsvLines,
): ModelIssue[] {
  const prefix = `intents[${intentIndex}]`;
  return issues.map((issue) => {
    if (issue.file || !issue.path?.startsWith(prefix)) return issue;
    const rest = issue.path.slice(prefix.length);
    if (rest !== "" && !rest.startsWith(".")) return issue;
    const at = /^\.(slots|utterances)\[(\d+)\]/.exec(rest);
    const line = at ? lines[at[1] as keyof IntentTsvLines][Number(at[2])] : undefined;
    const { column, ...bare } = issue;
    if (line === undefined) return { ...bare, file };
    return { ...bare, file, line, column: at?.[1] === "utterances" ? (column ?? 1) : 1 };
  });
}

/** `[INTENT SLOT]` lines, a blank line, `[INTENT EXPRESSION]` lines; TAB, LF, no BOM (§8.3). */
export function exportIntentTsv(intent: CustomIntent): string {
  const slots = (intent.slots ?? []).map(
    (s) => `${assertCell(s.name, "slot name")}\t${assertCell(s.type, "slot type")}`,
  );
  const examples = intent.utterances.map((u) => assertCell(u, "utterance"));
  return [SLOT_HEADER, ...slots, "", EXPRESSION_HEADER, ...examples].map((l) => `${l}\n`).join("");
}
