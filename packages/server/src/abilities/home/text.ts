// Text handling of the home NLU: one normal form for utterances and vocabulary, and numbers
// (digits, signs, English number words) with the unit said after them.
import type { HomeLexicon } from "./lexicon/types.js";

/** Lower case, NFKC (full-width digits become ASCII), punctuation to spaces, one space. */
export function normalizeText(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .replace(/([a-z])-(?=[a-z])/g, "$1 ")
    .replace(/\//g, "")
    .replace(/[!?,;:"“”()[\]{}、。！？「」『』・…~@^]/g, " ")
    .replace(/\.(?!\d)/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export type NumberUnit = "percent" | "degree" | "kelvin" | "level" | "times";

export interface SpokenNumber {
  value: number;
  unit?: NumberUnit;
  /** A second number after a dash: a digital sub-channel ("11-2"). */
  sub?: number;
}

const DIGITS = /(\d+(?:\.\d+)?)(?:\s*-\s*(\d+))?/y;

/**
 * Finds the numbers of a (masked) text and replaces each by "^n^"; returns the new text and
 * the numbers in order. Number words count too where the lexicon has them.
 */
export function extractNumbers(
  text: string,
  lexicon: HomeLexicon,
): { text: string; numbers: SpokenNumber[] } {
  const numbers: SpokenNumber[] = [];
  let out = "";
  let i = 0;
  while (i < text.length) {
    DIGITS.lastIndex = i;
    // Digits glued to letters are part of a name ("pm2.5", "hdmi2").
    const glued = i > 0 && /[a-z]/.test(text[i - 1]!);
    const digits = /\d/.test(text[i]!) && !glued ? DIGITS.exec(text) : null;
    let value: number | undefined;
    let sub: number | undefined;
    let end = i;
    if (digits) {
      value = Number(digits[1]);
      if (digits[2] !== undefined) sub = Number(digits[2]);
      end = i + digits[0].length;
    } else if (lexicon.numberWords && /[a-z]/.test(text[i]!) && (i === 0 || text[i - 1] === " ")) {
      const word = /^[a-z]+/.exec(text.slice(i))![0];
      const first = lexicon.numberWords[word];
      if (first !== undefined) {
        value = first;
        end = i + word.length;
        // "twenty four": tens and units.
        const next = /^ ([a-z]+)/.exec(text.slice(end));
        const unit = next ? lexicon.numberWords[next[1]!] : undefined;
        if (first >= 20 && first % 10 === 0 && first < 100 && unit !== undefined && unit < 10) {
          value = first + unit;
          end += next![0].length;
        }
        // Whole words only.
        if (/[a-z]/.test(text[end] ?? "")) value = undefined;
      } else {
        out += word;
        i += word.length;
        continue;
      }
    }
    if (value === undefined) {
      // Skip the rest of a glued number as it is.
      const run = glued ? (/^[\d.]+/.exec(text.slice(i))?.[0] ?? text[i]!) : text[i]!;
      out += run;
      i += run.length;
      continue;
    }
    const before = out;
    const minus = lexicon.minus.exec(before);
    if (minus) {
      value = -value;
      out = before.slice(0, minus.index);
    } else if (/-\s*$/.test(before) && !/\d\s*-\s*$/.test(before)) {
      value = -value;
      out = before.replace(/-\s*$/, "");
    }
    const rest = text.slice(end);
    const spoken: SpokenNumber = { value };
    if (sub !== undefined) spoken.sub = sub;
    for (const unit of ["percent", "degree", "kelvin", "level", "times"] as const) {
      if (lexicon.units[unit].test(rest)) {
        spoken.unit = unit;
        break;
      }
    }
    numbers.push(spoken);
    out += "^n^";
    i = end;
  }
  return { text: out, numbers };
}

/** Words of a Latin text match whole words only (a trailing plural "s" is allowed). */
export function isWordAt(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  if (before !== undefined && /[\p{L}\p{N}]/u.test(before)) return false;
  const after = text.slice(end);
  return after === "" || /^(s|es)?(?![\p{L}\p{N}])/u.test(after);
}
