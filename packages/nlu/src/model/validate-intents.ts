// Custom intents: names, slots and utterance examples (interaction-model.md §3.1, §4, §5.2,
// §7, §12).
import type { CustomIntent, InteractionModel } from "@clover/protocol";
import { isBuiltinSlotType } from "../slot-types/index.js";
import { ModelError, type ModelIssue } from "./issues.js";
import { LIMITS } from "./limits.js";
import { checkName } from "./names.js";
import { sentenceKey } from "./normalize.js";
import { currentSlotTypeName } from "./retired.js";
import type { SpanCheck } from "./span-values.js";
import { type ParsedUtterance, parseUtterance } from "./utterance.js";

interface Types {
  builtin: Set<string>;
  custom: Map<string, number>;
  spanValue: SpanCheck;
}

/** Where the n-th `<name>` tag of an example starts (1-based column). */
function tagColumn(example: string, name: string, nth: number): number {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = example.indexOf(`<${name}>`, at + 1);
  return at + 1;
}

/** Key that ignores case, width, spacing, punctuation and the words inside slot spans. */
function utteranceKey(parsed: ParsedUtterance, slotTypes: Map<string, string>): string {
  let out = "";
  let at = 0;
  for (const span of [...parsed.slots].sort((a, b) => a.start - b.start)) {
    out += `${sentenceKey(parsed.text.slice(at, span.start))}\u0001${slotTypes.get(span.name) ?? span.name}\u0001`;
    at = span.end;
  }
  return out + sentenceKey(parsed.text.slice(at));
}

function checkSlots(intent: CustomIntent, path: string, types: Types, issues: ModelIssue[]) {
  const slots = new Map<string, string>();
  const list = Array.isArray(intent?.slots) ? intent.slots : [];
  if (list.length > LIMITS.slotsPerIntent)
    issues.push({
      severity: "error",
      message: `${list.length} slots; at most ${LIMITS.slotsPerIntent} per intent are allowed`,
      path: `${path}.slots`,
    });
  list.forEach((slot, s) => {
    const at = `${path}.slots[${s}]`;
    if (!checkName(slot?.name, "slot", `${at}.name`, issues)) return;
    if (slots.has(slot.name))
      issues.push({
        severity: "error",
        message: `slot ${slot.name} is declared twice`,
        path: `${at}.name`,
      });
    const type = slot.type;
    if (typeof type !== "string") return;
    slots.set(slot.name, type);
    const error = (message: string) =>
      issues.push({ severity: "error", message, path: `${at}.type` });
    if (type.startsWith("CLOVA.")) {
      if (!isBuiltinSlotType(type)) error(`slot ${slot.name}: unknown built-in slot type ${type}`);
      else if (!types.builtin.has(type))
        error(
          `slot ${slot.name}: built-in slot type ${type} is not enabled; add it to builtinSlotTypes`,
        );
    } else if (!types.custom.has(type))
      error(`slot ${slot.name}: slot type ${type} is not declared in customSlotTypes`);
  });
  const used = [...slots.values()];
  if (used.includes("CLOVA.DATETIME") && used.includes("CLOVA.DATETIME_RECENT"))
    issues.push({
      severity: "error",
      message: "one intent cannot use both CLOVA.DATETIME and CLOVA.DATETIME_RECENT",
      path: `${path}.slots`,
    });
  return slots;
}

export function checkIntents(model: InteractionModel, types: Types, issues: ModelIssue[]): void {
  const intents = model.intents;
  if (intents.length > LIMITS.intents)
    issues.push({
      severity: "error",
      message: `${intents.length} intents; at most ${LIMITS.intents} are allowed`,
      path: "intents",
    });
  const names = new Map<string, number>();
  const sentences = new Map<string, { intent: number; utterance: number }>();
  const slotNames = new Map<string, { type: string; path: string }>();
  const usedTypes = new Set<string>();
  intents.forEach((intent, i) => {
    const path = `intents[${i}]`;
    if (checkName(intent?.name, "intent", `${path}.name`, issues)) {
      const first = names.get(intent.name);
      if (first !== undefined)
        issues.push({
          severity: "error",
          message: `intent ${intent.name} is already declared at intents[${first}]`,
          path: `${path}.name`,
        });
      else names.set(intent.name, i);
    }
    const slots = checkSlots(intent, path, types, issues);
    for (const [name, type] of slots) {
      usedTypes.add(type);
      usedTypes.add(currentSlotTypeName(type));
      const other = slotNames.get(name);
      if (other && other.type !== type)
        issues.push({
          severity: "warning",
          message: `slot ${name} has type ${type} here but ${other.type} at ${other.path}; use one name per slot type (§4)`,
          path: `${path}.slots`,
        });
      else if (!other) slotNames.set(name, { type, path: `${path}.slots` });
    }
    const utterances = Array.isArray(intent?.utterances) ? intent.utterances : [];
    if (utterances.length === 0)
      issues.push({
        severity: "error",
        message: `intent ${intent?.name} has no utterance examples`,
        path: `${path}.utterances`,
      });
    else if (utterances.length > LIMITS.utterancesPerIntent)
      issues.push({
        severity: "error",
        message: `${utterances.length} utterance examples; at most ${LIMITS.utterancesPerIntent} per intent are allowed`,
        path: `${path}.utterances`,
      });
    else {
      const wanted =
        slots.size > 0 ? LIMITS.recommendedUtterancesWithSlots : LIMITS.recommendedUtterancesSimple;
      if (utterances.length < wanted)
        issues.push({
          severity: "warning",
          message: `only ${utterances.length} utterance examples; at least ${wanted} are recommended (§7.2)`,
          path: `${path}.utterances`,
        });
    }
    const tagged = new Set<string>();
    utterances.forEach((example, u) => {
      if (typeof example !== "string") return;
      const at = `${path}.utterances[${u}]`;
      let parsed: ParsedUtterance;
      try {
        parsed = parseUtterance(example);
      } catch (e) {
        if (!(e instanceof ModelError)) throw e;
        const message = e.message.replace(/^column \d+: /, "");
        issues.push({ severity: "error", message, path: at, column: e.column });
        return;
      }
      if (parsed.text.length > LIMITS.utteranceLength)
        issues.push({
          severity: "error",
          message: `utterance is ${parsed.text.length} characters long; at most ${LIMITS.utteranceLength} are allowed`,
          path: at,
        });
      const seen = new Map<string, number>();
      for (const span of parsed.slots) {
        const nth = seen.get(span.name) ?? 0;
        seen.set(span.name, nth + 1);
        const column = tagColumn(example, span.name, nth);
        if (!slots.has(span.name))
          issues.push({
            severity: "error",
            message: `slot <${span.name}> is not declared on intent ${intent?.name}`,
            path: at,
            column,
          });
        else if (nth === 1)
          issues.push({
            severity: "warning",
            message: `slot <${span.name}> is tagged twice; only one value can be sent`,
            path: at,
            column,
          });
        const type = slots.get(span.name);
        const problem = type === undefined ? undefined : types.spanValue(type, span.text);
        if (problem) issues.push({ severity: "warning", message: problem, path: at, column });
        tagged.add(span.name);
      }
      const key = utteranceKey(parsed, slots);
      const first = sentences.get(key);
      if (!first) sentences.set(key, { intent: i, utterance: u });
      else if (first.intent === i)
        issues.push({
          severity: "warning",
          message: `same utterance as utterances[${first.utterance}]`,
          path: at,
        });
      else
        issues.push({
          severity: "error",
          message: `the same utterance is an example of intent ${intents[first.intent]?.name} (intents[${first.intent}].utterances[${first.utterance}])`,
          path: at,
        });
    });
    (Array.isArray(intent?.slots) ? intent.slots : []).forEach((slot, s) => {
      if (slots.has(slot?.name) && !tagged.has(slot.name))
        issues.push({
          severity: "warning",
          message: `slot ${slot.name} is declared but no utterance example tags it`,
          path: `${path}.slots[${s}]`,
        });
    });
  });
  for (const [name, t] of types.custom)
    if (!usedTypes.has(name))
      issues.push({
        severity: "warning",
        message: `slot type ${name} is declared but no intent uses it`,
        path: `customSlotTypes[${t}]`,
      });
  if (Array.isArray(model.builtinSlotTypes))
    model.builtinSlotTypes.forEach((name, b) => {
      if (types.builtin.has(name) && !usedTypes.has(currentSlotTypeName(name)))
        issues.push({
          severity: "warning",
          message: `built-in slot type ${name} is enabled but no intent uses it`,
          path: `builtinSlotTypes[${b}]`,
        });
    });
}
