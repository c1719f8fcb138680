// Built-in slot types (interaction-model.md §5): names, whole-span resolution and scanning of
// whole utterances. Every parser is pure: the reference time and time zone come from the
// caller, and all patterns are compiled when this module loads.
import { DURATION } from "./datetime/duration.js";
import { DATETIME_TYPES } from "./datetime/index.js";
import { GAZETTEER_TYPES } from "./gazetteer/types.js";
import { normalizeSlotText, originalOffset } from "./normalize.js";
import { NUMBER_TYPES } from "./numbers/index.js";
import { UNIT_TYPES } from "./numbers/unit-only.js";
import type {
  Candidate,
  FoundSlot,
  ResolvedSlotValue,
  SlotResolveOptions,
  SlotTypeParser,
} from "./types.js";

export type {
  DateTimeValueType,
  FoundSlot,
  Language,
  ResolvedSlotValue,
  SlotResolveOptions,
} from "./types.js";

const PARSERS: Record<string, SlotTypeParser> = {
  ...NUMBER_TYPES,
  ...DATETIME_TYPES,
  "CLOVA.DURATION": DURATION,
  ...UNIT_TYPES,
  ...GAZETTEER_TYPES,
};

/** Names of every built-in type the platform implements (CLOVA.NUMBER, CLOVA.DATETIME, ...). */
export const BUILTIN_SLOT_TYPE_NAMES: readonly string[] = Object.freeze(
  Object.keys(PARSERS).sort(),
);

export function isBuiltinSlotType(name: string): boolean {
  return Object.hasOwn(PARSERS, name);
}

function parserOf(type: string): SlotTypeParser {
  const parser = PARSERS[type];
  if (!parser) throw new Error(`unknown built-in slot type "${type}"`);
  return parser;
}

/** Resolve a span the recognizer already isolated ("three", "明日の朝7時", "세 개"). */
export function resolveBuiltinSlot(
  type: string,
  span: string,
  options: SlotResolveOptions,
): ResolvedSlotValue | undefined {
  const text = normalizeSlotText(span).text.trim().replace(/\s+/g, " ");
  if (text === "") return undefined;
  return parserOf(type).resolve(text, options);
}

/** Find all spans of this type in a whole utterance, longest-first, non-overlapping. */
export function findBuiltinSlots(
  type: string,
  text: string,
  options: SlotResolveOptions,
): FoundSlot[] {
  const parser = parserOf(type);
  const normalized = normalizeSlotText(text);
  const candidates = parser.scan(normalized.text, options);
  return pickLongest(candidates).map((c) => {
    const start = originalOffset(normalized, c.start);
    const end = originalOffset(normalized, c.end);
    return { start, end, text: text.slice(start, end), resolved: c.resolved };
  });
}

/** Longest candidates first, dropping any that overlap one already taken; result in text order. */
function pickLongest(candidates: Candidate[]): Candidate[] {
  if (candidates.length <= 1) return candidates;
  const byLength = [...candidates].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const taken: Candidate[] = [];
  for (const c of byLength) {
    if (taken.every((t) => c.end <= t.start || c.start >= t.end)) taken.push(c);
  }
  return taken.sort((a, b) => a.start - b.start);
}
