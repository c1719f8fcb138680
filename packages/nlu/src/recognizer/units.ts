// The units the recognizer works on: words for en and ko (Korean particles split off by
// tokenize), single characters for ja (no spaces to rely on; character features and the
// slot dictionaries decide where words begin and end). Offsets point into the input text.
import type { ModelLanguage } from "@clover/protocol";
import { type Token, tokenize } from "../text/index.js";
import { foldChar } from "../text/normalize.js";
import { scriptOf } from "../text/tokenize.js";

export type Unit = Token;

export function toUnits(text: string, language: ModelLanguage): Unit[] {
  if (language !== "ja") return tokenize(text, language);
  const units: Unit[] = [];
  for (const token of tokenize(text, language, { foldKana: true })) {
    // a run of Latin letters or digits stays one unit ("cd", "2024"); kana and kanji split
    if (/^[a-z0-9.']+$/u.test(token.norm)) {
      units.push(token);
      continue;
    }
    let offset = token.start;
    for (const ch of token.text) {
      const norm = foldChar(ch, { foldKana: true });
      units.push({ text: ch, norm, start: offset, end: offset + ch.length });
      offset += ch.length;
    }
  }
  return units;
}

/** Key of a unit sequence for dictionary lookup. */
export function unitKey(units: readonly Unit[], from = 0, to = units.length): string {
  let key = "";
  for (let i = from; i < to; i++) key += (i > from ? " " : "") + (units[i] as Unit).norm;
  return key;
}

/** Index of the units covering [start, end) of the text: first and last (exclusive). */
export function unitRange(
  units: readonly Unit[],
  start: number,
  end: number,
): [number, number] | undefined {
  let first = -1;
  let last = -1;
  for (let i = 0; i < units.length; i++) {
    const u = units[i] as Unit;
    if (u.end > start && u.start < end) {
      if (first < 0) first = i;
      last = i;
    }
  }
  return first < 0 ? undefined : [first, last + 1];
}

const isKatakana = (unit: Unit | undefined): boolean =>
  unit !== undefined && scriptOf(unit.text) === "kata";

/**
 * ja: a tagged span never starts or ends inside a run of katakana (a loanword is one word:
 * 「ハイキング」, not 「ング」), as long as the units it takes are tagged nothing (`free`).
 */
export function widenToKatakana(
  units: readonly Unit[],
  start: number,
  end: number,
  free: (index: number) => boolean,
): { start: number; end: number } {
  const joined = (a: number, b: number) =>
    (units[a] as Unit).end === (units[b] as Unit).start &&
    isKatakana(units[a]) &&
    isKatakana(units[b]);
  while (start > 0 && free(start - 1) && joined(start - 1, start)) start--;
  while (end < units.length && free(end) && joined(end - 1, end)) end++;
  return { start, end };
}
