// Text handling of the home NLU: one normal form for utterances and vocabulary, and numbers
// (digits, signs, the NLU's numerals of each language, value words) with the unit after them.
import { numeralSource, parseNumeral } from "@clover/nlu";
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

const isLetter = (c: string) => /[\p{L}\p{N}]/u.test(c);

/** The language's numeral (from the custom-extension NLU), compiled once per lexicon. */
const numerals = new WeakMap<HomeLexicon, RegExp>();

/**
 * A number said in words at `i`: a value word ("full", "high"), or a numeral of the language
 * ("twenty four", 二十, 이십). Words must end at a word boundary (en); kanji and hangul numerals
 * count only with a unit after them, so 一番 or the particle 이 are not numbers.
 */
function wordNumberAt(
  text: string,
  i: number,
  lexicon: HomeLexicon,
): { value: number; end: number } | undefined {
  if (lexicon.valueWords) {
    const word = /^[a-z]+/.exec(text.slice(i))?.[0];
    const value = word === undefined ? undefined : lexicon.valueWords[word];
    if (value !== undefined && !isLetter(text[i + word!.length] ?? ""))
      return { value, end: i + word!.length };
  }
  let numeral = numerals.get(lexicon);
  if (!numeral) {
    numeral = new RegExp(numeralSource(lexicon.language), "y");
    numerals.set(lexicon, numeral);
  }
  numeral.lastIndex = i;
  const match = numeral.exec(text);
  // Digits are read elsewhere; a sign is read from the words before it (lexicon.minus).
  if (!match || !/^[^\s\d-]/.test(match[0]) || /^(minus|negative|マイナス|마이너스)/.test(match[0]))
    return undefined;
  const end = i + match[0].length;
  if (lexicon.wordBoundaries) {
    if (isLetter(text[end] ?? "")) return undefined;
  } else if (!Object.values(lexicon.units).some((unit) => unit.test(text.slice(end))))
    return undefined;
  const value = parseNumeral(match[0]);
  return value === undefined ? undefined : { value, end };
}

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
    } else if (
      /[^\s\d]/.test(text[i]!) &&
      (!lexicon.wordBoundaries || i === 0 || !isLetter(text[i - 1]!))
    ) {
      const spoken = wordNumberAt(text, i, lexicon);
      if (spoken) {
        value = spoken.value;
        end = spoken.end;
      } else if (lexicon.wordBoundaries) {
        // Not a number: the whole word stays as it is.
        const word = /^\p{L}+/u.exec(text.slice(i))?.[0] ?? text[i]!;
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
