// Finding atoms in a normalized utterance: every rule is a global regex compiled at load.
import { parseNumeral } from "../numbers/numerals.js";
import { alternation } from "../units/index.js";
import { shiftBy } from "./days.js";
import type { DurationTotals } from "./duration.js";
import type { Atom, Located, Part } from "./model.js";

export interface AtomRule {
  re: RegExp;
  make: (g: Record<string, string | undefined>) => Atom | undefined;
}

// The text is NFKC-folded and lower-cased, so Latin letters are a-z plus accented ones.
const EN_EDGE_START = "(?<![a-z0-9\\u00c0-\\u024f])";
const EN_EDGE_END = "(?![a-z0-9\\u00c0-\\u024f])";

/** A rule from a regex source; `words` = en-style word boundaries around the match. */
export function rule(source: string, make: AtomRule["make"], words = false): AtomRule {
  const src = words ? `${EN_EDGE_START}(?:${source})${EN_EDGE_END}` : source;
  return { re: new RegExp(src, "gu"), make };
}

/** Rules for fixed words: `table` maps each word to the atom it stands for. */
export function wordRule(table: Record<string, Atom>, words = false): AtomRule {
  const keys = Object.keys(table).sort((a, b) => b.length - a.length);
  const alt = (list: string[]): string => alternation(list);
  let source = `(?<w>${alt(keys)})`;
  if (words) {
    // word boundaries for words in Latin letters only; Hangul words must start a word
    const latin = keys.filter((k) => /^[\x20-\x7e]+$/.test(k));
    const hangul = keys.filter((k) => /[가-힣]/.test(k));
    const other = keys.filter((k) => !latin.includes(k) && !hangul.includes(k));
    const parts: string[] = [];
    if (latin.length) {
      // a first-character test before the boundary check keeps the scan cheap
      const firsts = [...new Set(latin.map((k) => k[0]!))].join("").replace(/[\]\\^-]/g, "\\$&");
      parts.push(`(?=[${firsts}])${EN_EDGE_START}(?:${alt(latin)})${EN_EDGE_END}`);
    }
    if (hangul.length) parts.push(`(?<![가-힣])(?:${alt(hangul)})`);
    if (other.length) parts.push(`(?:${alt(other)})`);
    source = `(?<w>${parts.join("|")})`;
  }
  return rule(
    source,
    (g) => table[g["w"]!] ?? table[g["w"]!.replace(/ /g, "")] ?? spaced(table, g["w"]!),
  );
}

function spaced(table: Record<string, Atom>, said: string): Atom | undefined {
  const squeezed = said.replace(/ /g, "");
  for (const [k, v] of Object.entries(table)) if (k.replace(/ /g, "") === squeezed) return v;
  return undefined;
}

export function num(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const n = parseNumeral(s);
  return n !== undefined && Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** A clock time atom; undefined when out of range. */
export function clock(
  hour: number | undefined,
  minute = 0,
  second = 0,
  part?: Part,
): Atom | undefined {
  if (hour === undefined || hour > 24 || minute > 59 || second > 59) return undefined;
  if (hour === 24 && (minute > 0 || second > 0)) return undefined;
  return {
    k: "time",
    seconds: hour * 3600 + minute * 60 + second,
    explicit: part !== undefined,
    part,
  };
}

/** "<minutes> before <hour>" ("quarter to eight", 「8時15分前」, "8시 15분 전"): the hour before,
 * at 60 less the minutes; a part of the day said with the hour applies to it as to any hour. */
export function minutesBefore(
  hour: number | undefined,
  minutes: number | undefined,
  part?: Part,
): Atom | undefined {
  if (hour === undefined || minutes === undefined || minutes < 1 || minutes > 59) return undefined;
  return clock((hour + 23) % 24, 60 - minutes, 0, part);
}

/** All atoms, earliest first; of overlapping atoms the longest wins. */
export function scanAtoms(text: string, rules: readonly AtomRule[]): Located[] {
  const found: Located[] = [];
  for (const r of rules) {
    r.re.lastIndex = 0;
    for (let m = r.re.exec(text); m; m = r.re.exec(text)) {
      if (m[0].length === 0) {
        r.re.lastIndex++;
        continue;
      }
      const atom = r.make(m.groups ?? {});
      if (atom) found.push({ start: m.index, end: m.index + m[0].length, atom });
      // look again from the next character: a shorter atom inside this one may be needed
      // when an earlier, overlapping atom wins ("今夜9時" = 今夜 + 9時, not 今 + 夜9時)
      r.re.lastIndex = m.index + 1;
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Located[] = [];
  let lastEnd = 0;
  for (const a of found) {
    if (a.start < lastEnd) continue;
    out.push(a);
    lastEnd = a.end;
  }
  return out;
}

/** "in <duration>" / "<duration> ago": a moment, or undefined when the duration did not parse. */
export function moment(total: DurationTotals | undefined, sign: 1 | -1): Atom | undefined {
  return total ? { k: "moment", at: shiftBy(total, sign) } : undefined;
}
