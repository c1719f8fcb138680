// CLOVA.NUMBER, CLOVA.WHOLE_NUMBER, the number + unit types and the unit-only types
// (interaction-model.md §5.1, §5.4).

import type { Candidate, Language, ResolvedSlotValue, SlotTypeParser } from "../types.js";
import {
  alternation,
  canonicalUnit,
  SPEED_TIMES,
  speedName,
  type UnitCategory,
  unitTable,
} from "../units/index.js";
import { END, parserOf, START } from "./edges.js";
import { moneyParser } from "./money.js";
import {
  DIGIT_SEQUENCE,
  digitString,
  KO_NATIVE_ADNOMINAL,
  KO_NATIVE_FULL,
  KO_SINO,
  numeralSource,
  parseNumeral,
} from "./numerals.js";

const PREFIX =
  "(?:(?<pre>[$¥€£₩]|時速|分速|秒速|시속|분속|초속|영하|氷点下|摂氏|華氏|섭씨|화씨) ?)?";
const JA_NATIVE =
  "(?<native>(?:ひと|ふた|みっ|よっ|いつ|むっ|なな|やっ|ここの)つ|とお|ひとり|ふたり)";
const NATIVE_VALUES: Record<string, [number, string]> = {
  ひとつ: [1, "つ"],
  ふたつ: [2, "つ"],
  みっつ: [3, "つ"],
  よっつ: [4, "つ"],
  いつつ: [5, "つ"],
  むっつ: [6, "つ"],
  ななつ: [7, "つ"],
  やっつ: [8, "つ"],
  ここのつ: [9, "つ"],
  とお: [10, "つ"],
  ひとり: [1, "人"],
  ふたり: [2, "人"],
};
const PRONOUN_ONE =
  /(?:^|\s)(?:this|that|the|which|each|every|another|any|no|some|red|blue|green|big|small|large|other|same|new|last|next|first) $/;
const CURRENCY_SYMBOL: Record<string, string> = {
  $: "USD",
  "¥": "JPY",
  "€": "EUR",
  "£": "GBP",
  "₩": "KRW",
};
const KANJI = /[\u4e00-\u9fff]/;

type Category = UnitCategory | "all";

interface NumberSpec {
  /** unit vocabulary, or undefined for WHOLE_NUMBER */
  category?: Category;
  unitRequired: boolean;
  /** CLOVA.UNIT*: report the unit as the value */
  unitOnly?: boolean;
  whole?: boolean;
}

function numberPattern(language: Language, spec: NumberSpec): RegExp {
  const table = spec.category ? unitTable(spec.category, language) : undefined;
  let unitSource = table?.source;
  if (table && (spec.category === "speed" || spec.category === "all")) {
    unitSource = alternation([
      ...table.forms.keys(),
      ...unitTable("length", language).forms.keys(),
    ]);
  }
  let num = numeralSource(language);
  if (language === "ko") {
    const adnominal = unitSource ? `|${KO_NATIVE_ADNOMINAL}(?= ?${unitSource})` : "";
    num = `(?:${KO_SINO}|${KO_NATIVE_FULL}${adnominal})`;
  }
  if (spec.whole) {
    const sequence = language === "en" ? "" : `${DIGIT_SEQUENCE[language]}(?![一-龥十百千万])|`;
    num = String.raw`(?:\d{1,24}(?:[ -]\d{1,12}){0,8}(?![.,]\d)|${sequence}${num})`;
  }
  const sp = language === "ja" ? "" : " ?";
  const unit = unitSource ? `(?:${sp}(?<unit>${unitSource}))?` : "";
  let body = `${spec.whole ? "" : PREFIX}(?<num>${num})${unit}`;
  if (language === "ja" && unitSource && !spec.whole) body = `(?:${body}|${JA_NATIVE})`;
  return new RegExp(`${START[language]}${body}${END[language]}`, "gu");
}

function interpret(
  m: RegExpExecArray,
  text: string,
  language: Language,
  spec: NumberSpec,
): ResolvedSlotValue | undefined {
  const g = m.groups!;
  if (g["native"]) {
    const [n, unit] = NATIVE_VALUES[g["native"]]!;
    return spec.unitOnly ? { value: unit } : { value: String(n), unit };
  }
  const raw = g["num"]!;
  if (
    language === "ja" &&
    !g["unit"] &&
    KANJI.test(raw.at(-1)!) &&
    KANJI.test(text[m.index + m[0].length] ?? "")
  ) {
    return undefined; // 一緒, 十分: a kanji numeral inside a word
  }
  if (language === "ja" && raw.length === 1 && KANJI.test(text[m.index - 1] ?? ""))
    return undefined;
  // 이 (this), 오 (oh), 사 (buy)...: a lone one-syllable Sino numeral needs a unit
  if (language === "ko" && !g["unit"] && /^[일이사오구육영공]$/.test(raw)) return undefined;
  // "this one", "the red one": a pronoun, not a number
  if (
    language === "en" &&
    raw === "one" &&
    !g["unit"] &&
    PRONOUN_ONE.test(text.slice(0, m.index))
  ) {
    return undefined;
  }
  if (spec.whole) {
    const digits = digitString(raw);
    if (digits !== undefined) return { value: digits };
    const n = parseNumeral(raw);
    return n !== undefined && Number.isInteger(n) && n >= 0 ? { value: String(n) } : undefined;
  }
  let n = parseNumeral(raw);
  if (n === undefined) return undefined;
  const pre = g["pre"];
  if (pre === "영하" || pre === "氷点下") n = -n;
  const unit = unitFor(pre, g["unit"], language, spec.category!);
  if (unit === null) return undefined;
  if (spec.unitRequired && unit === undefined) return undefined;
  if (spec.unitOnly) return unit === undefined ? undefined : { value: unit };
  return unit === undefined ? { value: String(n) } : { value: String(n), unit };
}

/** Canonical unit; null when the combination is not valid for the category. */
function unitFor(
  pre: string | undefined,
  surface: string | undefined,
  language: Language,
  category: Category,
): string | undefined | null {
  const table = unitTable(category, language);
  if (pre && pre in CURRENCY_SYMBOL) {
    if (category !== "currency" && category !== "all") return null;
    return surface ? null : CURRENCY_SYMBOL[pre]!;
  }
  const speed = pre
    ? SPEED_TIMES.find((t) => (t.prefix as readonly string[]).includes(pre))
    : undefined;
  if (speed) {
    if (category !== "speed" && category !== "all") return null;
    const length = surface ? canonicalUnit(unitTable("length", language), surface) : undefined;
    return length ? speedName(length, speed.en, language) : null;
  }
  if (pre === "화씨" || pre === "華氏") {
    if (category !== "temperature" && category !== "all") return null;
    return canonicalUnit(unitTable("temperature", language), "fahrenheit");
  }
  if (pre && category !== "temperature" && category !== "all") return null;
  if (pre && !surface) return canonicalUnit(unitTable("temperature", language), "°");
  if (!surface) return undefined;
  const canon = canonicalUnit(table, surface);
  if (canon === undefined) return null; // a length form without a speed prefix
  return canon;
}

const CACHE = new Map<string, RegExp>();
function pattern(language: Language, spec: NumberSpec, key: string): RegExp {
  const k = `${key}/${language}`;
  let re = CACHE.get(k);
  if (!re) {
    re = numberPattern(language, spec);
    CACHE.set(k, re);
  }
  return re;
}

export function numberParser(key: string, spec: NumberSpec): SlotTypeParser {
  // compile at module load for every language
  for (const l of ["en", "ja", "ko"] as const) pattern(l, spec, key);
  const scan = (text: string, language: Language): Candidate[] => {
    const re = pattern(language, spec, key);
    re.lastIndex = 0;
    const out: Candidate[] = [];
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const resolved = interpret(m, text, language, spec);
      if (resolved) out.push({ start: m.index, end: m.index + m[0].length, resolved });
    }
    return out;
  };
  return parserOf(scan);
}

export const NUMBER_TYPES: Record<string, SlotTypeParser> = {
  "CLOVA.NUMBER": numberParser("number", { category: "all", unitRequired: false }),
  "CLOVA.WHOLE_NUMBER": numberParser("whole", { unitRequired: false, whole: true }),
  "CLOVA.GENERIC_NUMBER": numberParser("generic", { category: "general", unitRequired: true }),
  "CLOVA.AREA": numberParser("area", { category: "area", unitRequired: true }),
  "CLOVA.INFORMATION": numberParser("information", { category: "information", unitRequired: true }),
  "CLOVA.LENGTH": numberParser("length", { category: "length", unitRequired: true }),
  "CLOVA.MONEY": moneyParser(numberParser("money", { category: "currency", unitRequired: true })),
  "CLOVA.RATIO": numberParser("ratio", { category: "ratio", unitRequired: true }),
  "CLOVA.SPEED": numberParser("speed", { category: "speed", unitRequired: true }),
  "CLOVA.TEMPERATURE": numberParser("temperature", { category: "temperature", unitRequired: true }),
  "CLOVA.VOLUME": numberParser("volume", { category: "volume", unitRequired: true }),
  "CLOVA.WEIGHT": numberParser("weight", { category: "weight", unitRequired: true }),
};
