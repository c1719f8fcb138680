/*
## Built-in slot types (interaction-model.md §5)

`resolveBuiltinSlot(type, span, options)` resolves a span the recognizer isolated;
`findBuiltinSlots(type, text, options)` scans a whole utterance and returns spans (UTF-16
offsets into the caller's text) longest-first and non-overlapping. Both are pure: relative
dates use `options.referenceTime` (default: the Unix epoch) in `options.timeZone` (IANA,
default `UTC`); nothing reads the clock. Input is NFKC-folded and lower-cased first
(full-width digits, `℃`, `㎡` …), with offsets mapped back to the original text.

Choices where the spec says UNSPECIFIED (§13), or is silent:

* Units (§13 #6): `ja` uses the spec's names (`キログラム`, `パーセント`, `度`); `en` uses
  singular SI-style words (`kilogram`, `percent`, `degree`, `kilometer per hour`); `ko` uses
  Korean words (`킬로그램`, `퍼센트`, `도`, `킬로미터매시`). Currency is always ISO 4217.
  General counters keep their own form (`枚`, `개`; en plurals become singular: `cups` → `cup`).
* `CLOVA.NUMBER` in `findBuiltinSlots` includes a directly following unit or counter (`3個`,
  `세 개`); `resolveBuiltinSlot` follows the span given (§5.4), so `2` gives value only.
  Korean one-syllable Sino numerals (이, 오, 사 …) count only with a unit, kanji numerals only
  when not part of a longer word (一緒, 十分 without a unit).
* `CLOVA.WHOLE_NUMBER`: digit groups separated by spaces or hyphens are joined with leading
  zeros kept; digits read one by one ("zero one two", 〇三一二, 공일공 일이삼사) likewise.
* Unit-only types report the unit part of the span; without a number before it, a unit
  needs two or more characters and may not be a general counter ("time", 本, 개).
* Date/time (§13 #7): explicit AM/PM words and parts of the day are applied (午後3時 → 15:00,
  夜8時 → 20:00, 저녁 일곱 시 → 19:00); a bare hour stays as said (3時 → 03:00:00). Weeks start
  on Monday. "next/this/last <weekday>" (来週の/今週の/先週の, 다음 주/이번 주/지난 주) pick
  that weekday in the next/this/last calendar week; "this coming"/"following" and 次の/今度の,
  오는 pick the first one after today. A date-time interval ending at 24:00 ends at 00:00 of
  the next day. en parts of day: morning 06–12, afternoon 12–18, evening 18–21, night
  18–24; ko: 새벽 00–06, 아침 06–09, 오전 00–12, 점심 11–13, 낮 09–18, 오후 12–24, 저녁 18–21,
  밤 18–24; ja exactly as §5.2. "in 10 minutes"/"10分後" give a DATETIME, "3 days ago"/"3日後"
  a DATE. The end of a range is resolved forward from its start ("Friday to Sunday");
  "and" makes a range only after "between". A day of month or a month said after a month or
  year sits inside it (来月の3日, 내년 3월). Holidays with a computable date (こどもの日,
  Thanksgiving, 삼일절, equinox days) resolve as dates; lunar ones (설날, 추석) do not. en
  meals are parts of the day (breakfast 06–10, lunch 11–14, dinner 18–21 …).
* Durations (§13 #8): weeks become days (P7D); halves and decimals carry into the next
  smaller unit (半年 → P6M, 1.5 hours → PT1H30M; a month counts 30 days for that).
* Places, holidays, order and relative-time words (§13 #5): value = the entry's canonical
  written form in the model's language (大阪 → 大阪府; en `Osaka`; ko `오사카부`), no
  valueType. Dictionaries are compact: all 47 prefectures, ~100 cities/towns, Tokyo's 23
  wards plus designated-city wards, every country and major territories, ~65 world
  cities, Japanese and Korean holidays, the 24 solar terms. `CLOVA.KO_ADDRESS_SIDO`/`_SIGUNGU`/`_DONG` (§13 #9) are
  experimental with small dictionaries.
* The retired name `CLOVA.CURRENCY` (§5.5) is accepted as `CLOVA.UNIT_CURRENCY` but is not
  listed in `BUILTIN_SLOT_TYPE_NAMES`.
*/
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

/** Retired names still accepted (§5.5: old models are converted automatically). */
const RETIRED: Record<string, string> = { "CLOVA.CURRENCY": "CLOVA.UNIT_CURRENCY" };
const LANGUAGES = new Set(["en", "ja", "ko"]);

export function isBuiltinSlotType(name: string): boolean {
  return Object.hasOwn(PARSERS, name) || Object.hasOwn(RETIRED, name);
}

function parserOf(type: string): SlotTypeParser {
  const parser = PARSERS[type] ?? PARSERS[RETIRED[type] ?? ""];
  if (!parser || !isBuiltinSlotType(type)) throw new Error(`unknown built-in slot type "${type}"`);
  return parser;
}

/** Resolve a span the recognizer already isolated ("three", "明日の朝7時", "세 개"). */
export function resolveBuiltinSlot(
  type: string,
  span: string,
  options: SlotResolveOptions,
): ResolvedSlotValue | undefined {
  check(options);
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
  check(options);
  const normalized = normalizeSlotText(text);
  const candidates = parser.scan(normalized.text, options);
  return pickLongest(candidates).map((c) => {
    const start = originalOffset(normalized, c.start);
    const end = originalOffset(normalized, c.end);
    return { start, end, text: text.slice(start, end), resolved: c.resolved };
  });
}

function check(options: SlotResolveOptions): void {
  if (!LANGUAGES.has(options?.language)) {
    throw new Error(`language: "${String(options?.language)}" is not one of en, ja, ko`);
  }
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

/** One numeral of a language (regex source) and its value: shared with the home NLU. */
export { numeralSource, parseNumeral } from "./numbers/numerals.js";
