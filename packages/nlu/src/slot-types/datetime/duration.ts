// CLOVA.DURATION (interaction-model.md §5.3): ISO 8601 PnYnMnDTnHnMnS. Weeks become days
// (§13 #8: 「1週間」 → P7D); "half" of a unit becomes the next smaller unit (半年 → P6M,
// 1時間半 → PT1H30M); decimals are carried the same way (1.5 hours → PT1H30M).
import { EN_NUMERAL, parseNumeral } from "../numbers/numerals.js";
import type { Candidate, Language, SlotTypeParser } from "../types.js";

type Unit = "Y" | "Mo" | "W" | "D" | "H" | "Mi" | "S";
const ORDER: readonly Unit[] = ["Y", "Mo", "W", "D", "H", "Mi", "S"];
/** How many of the next smaller unit one unit holds (months → 30 days, by convention). */
const SMALLER: Record<Unit, [Unit, number] | undefined> = {
  Y: ["Mo", 12],
  Mo: ["D", 30],
  W: ["D", 7],
  D: ["H", 24],
  H: ["Mi", 60],
  Mi: ["S", 60],
  S: undefined,
};
const UNIT_WORDS: Record<string, Unit> = {
  year: "Y",
  month: "Mo",
  week: "W",
  day: "D",
  hour: "H",
  minute: "Mi",
  min: "Mi",
  second: "S",
  sec: "S",
  年: "Y",
  年間: "Y",
  ヶ月: "Mo",
  か月: "Mo",
  カ月: "Mo",
  ヵ月: "Mo",
  ケ月: "Mo",
  週間: "W",
  週: "W",
  日: "D",
  日間: "D",
  時間: "H",
  分: "Mi",
  分間: "Mi",
  秒: "S",
  秒間: "S",
  년: "Y",
  개월: "Mo",
  달: "Mo",
  주: "W",
  주일: "W",
  일: "D",
  시간: "H",
  분: "Mi",
  초: "S",
};
const KO_DAYS: Record<string, number> = {
  하루: 1,
  이틀: 2,
  사흘: 3,
  나흘: 4,
  닷새: 5,
  엿새: 6,
  이레: 7,
  열흘: 10,
  보름: 15,
};

const EN_PART = `(?:(?:${EN_NUMERAL}(?: and an? half)?|an?|half an?|a couple of|a few) (?:year|month|week|day|hour|minute|min|second|sec)s?(?: and an? half)?)`;
const JA_N = "(?:[0-9]{1,9}(?:\\.[0-9]{1,6})?|[〇一二三四五六七八九十百]{1,9})";
const JA_PART = `(?:${JA_N}(?:年間|年|ヶ月間?|か月間?|カ月間?|ヵ月間?|ケ月間?|週間|日間|日|時間|分間|分|秒間|秒)半?|半年|半日|半月)`;
const KO_N =
  "(?:[0-9]{1,9}(?:\\.[0-9]{1,6})?|[일이삼사오육칠팔구십백]{1,9}|열한|열두|한|두|세|네|다섯|여섯|일곱|여덟|아홉|열|스무|스물|서른|마흔|쉰)";
const KO_PART = `(?:(?:${KO_N}) ?(?:년|개월|달|주일|주|일|시간|분|초)(?: ?반)?|하루|이틀|사흘|나흘|닷새|엿새|이레|열흘|보름|반나절|반년)`;

/** One or more duration parts in a row ("1 hour and 20 minutes", "1時間20分", "두 시간 반"). */
export const DURATION_SOURCE: Record<Language, string> = {
  en: `${EN_PART}(?:(?:,? and |, | )${EN_PART}){0,6}`,
  ja: `${JA_PART}{1,7}`,
  ko: `${KO_PART}(?: ?${KO_PART}){0,6}`,
};

const PATTERNS: Record<Language, { whole: RegExp; part: RegExp }> = {
  en: {
    whole: new RegExp(`(?<![\\p{L}\\p{N}])(?:for )?${DURATION_SOURCE.en}(?![\\p{L}\\p{N}])`, "gu"),
    part: new RegExp(EN_PART, "gu"),
  },
  ja: { whole: new RegExp(`${DURATION_SOURCE.ja}(?:間)?`, "gu"), part: new RegExp(JA_PART, "gu") },
  ko: {
    whole: new RegExp(`(?<![가-힣])${DURATION_SOURCE.ko}(?: ?동안)?`, "gu"),
    part: new RegExp(KO_PART, "gu"),
  },
};

function partValue(said: string, language: Language): Array<[Unit, number]> | undefined {
  if (said === "半年" || said === "반년") return [["Mo", 6]];
  if (said === "半日" || said === "반나절") return [["H", 12]];
  if (said === "半月") return [["D", 15]];
  if (said in KO_DAYS) return [["D", KO_DAYS[said]!]];
  let m: RegExpExecArray | null;
  if (language === "en") {
    m = /^(.*?) (year|month|week|day|hour|minute|min|second|sec)s?( and an? half)?$/.exec(said);
  } else if (language === "ja") {
    m =
      /^(.*?)(年間|年|ヶ月間?|か月間?|カ月間?|ヵ月間?|ケ月間?|週間|日間|日|時間|分間|分|秒間|秒)(半)?$/.exec(
        said,
      );
  } else m = /^(.*?) ?(년|개월|달|주일|주|일|시간|분|초)( ?반)?$/.exec(said);
  if (!m) return undefined;
  const unit =
    UNIT_WORDS[m[2]!.replace(/間$/, "") in UNIT_WORDS ? m[2]!.replace(/間$/, "") : m[2]!] ??
    UNIT_WORDS[m[2]!];
  if (!unit) return undefined;
  const word = m[1]!;
  const n =
    word === "a" || word === "an"
      ? 1
      : word.startsWith("half")
        ? 0.5
        : word === "a couple of"
          ? 2
          : word === "a few"
            ? 3
            : parseNumeral(word);
  if (n === undefined || n < 0) return undefined;
  const out: Array<[Unit, number]> = [[unit, n]];
  if (m[3]) out.push([unit, 0.5]);
  return out;
}

export type DurationTotals = Record<"Y" | "Mo" | "D" | "H" | "Mi" | "S", number>;

/** Sums duration parts; weeks become days and fractions carry into smaller units. */
function totals(parts: Array<[Unit, number]>): DurationTotals {
  const total: Record<Unit, number> = { Y: 0, Mo: 0, W: 0, D: 0, H: 0, Mi: 0, S: 0 };
  for (const [u, n] of parts) total[u] += n;
  total.D += total.W * 7;
  total.W = 0;
  for (const u of ORDER) {
    const frac = total[u] - Math.floor(total[u]);
    const next = SMALLER[u];
    if (frac > 1e-9 && next) {
      total[u] -= frac;
      total[next[0]] += frac * next[1];
    }
  }
  return total;
}

function format(total: DurationTotals): string {
  const fmt = (n: number): string => String(Number(n.toFixed(3)));
  const date = (["Y", "Mo", "D"] as const)
    .filter((u) => total[u] > 0)
    .map((u) => `${fmt(total[u])}${u[0]}`)
    .join("");
  const time = (["H", "Mi", "S"] as const)
    .filter((u) => total[u] > 0)
    .map((u) => `${fmt(total[u])}${u[0]}`)
    .join("");
  if (!date && !time) return "PT0S";
  return `P${date}${time ? `T${time}` : ""}`;
}

/** Totals of a text made only of duration parts, or undefined. */
export function durationTotals(text: string, language: Language): DurationTotals | undefined {
  const { part } = PATTERNS[language];
  const parts: Array<[Unit, number]> = [];
  part.lastIndex = 0;
  for (let p = part.exec(text); p; p = part.exec(text)) {
    const v = partValue(p[0].trim(), language);
    if (!v) return undefined;
    parts.push(...v);
  }
  return parts.length > 0 ? totals(parts) : undefined;
}

function scan(text: string, language: Language): Candidate[] {
  const { whole } = PATTERNS[language];
  const out: Candidate[] = [];
  whole.lastIndex = 0;
  for (let m = whole.exec(text); m; m = whole.exec(text)) {
    const total = durationTotals(m[0], language);
    if (total)
      out.push({ start: m.index, end: m.index + m[0].length, resolved: { value: format(total) } });
  }
  return out;
}

export const DURATION: SlotTypeParser = {
  resolve(span, options) {
    const c = scan(span, options.language).find((x) => x.start === 0 && x.end === span.length);
    return c?.resolved;
  },
  scan: (text, options) => scan(text, options.language),
};
