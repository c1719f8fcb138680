// Intent classifier features, hashed (hashing.ts): word uni/bi-grams (ja: character
// uni/bi/tri-grams) on the text as said and on a copy where dictionary and built-in slot spans
// are replaced by their type; and one intent's slot reading of the text (slotViewFeatures).
import type { ModelLanguage } from "@clover/protocol";
import type { SpanMatch } from "./gazetteer.js";
import { f1, f2, f3, hashText, template, wordHash } from "./hashing.js";
import type { Unit } from "./units.js";

const BIAS = f1(template("*"), 0);
const CHAR_GRAM = 4;
const START = wordHash("^");
const END = wordHash("$");
const TYPE = template("{type}");
const SLOT = template("<slot>");
const T = {
  w1: template("w1"),
  w2: template("w2"),
  w3: template("w3"),
  a1: template("a1"),
  a2: template("a2"),
  a3: template("a3"),
  s1: template("s1"),
  s2: template("s2"),
  sv: template("sv"),
  kp: template("kp"),
  kp2: template("kp2"),
  cp: template("cp"),
  cs: template("cs"),
  cg: template("cg"),
};

/** Uni- and bigrams (and trigrams) of a sequence of word hashes, with start and end marks. */
function grams(
  out: number[],
  seq: readonly number[],
  t1: number,
  t2: number,
  t3: number | undefined,
): void {
  let prev2 = START;
  let prev = START;
  for (const w of seq) {
    out.push(f1(t1, w), f2(t2, prev, w));
    if (t3 !== undefined) out.push(f3(t3, prev2, prev, w));
    prev2 = prev;
    prev = w;
  }
  out.push(f2(t2, prev, END));
}

/**
 * Character 4-grams of a word (first and last marked): "showtimes" and "showing", "theatre"
 * and "theaters" share evidence, and unseen words still say something.
 */
function charGrams(out: number[], word: string): void {
  const last = word.length - CHAR_GRAM;
  for (let j = 0; j <= last; j++) {
    const gram = hashText(word, undefined, j, j + CHAR_GRAM);
    if (j === 0) out.push(f1(T.cp, gram));
    if (j === last) out.push(f1(T.cs, gram));
    if (j > 0 && j < last) out.push(f1(T.cg, gram));
  }
}

/** Word hashes of the units, for reuse by every feature function of one utterance. */
export function unitHashes(units: readonly Unit[]): number[] {
  return units.map((u) => wordHash(u.norm));
}

export function intentFeatures(
  units: readonly Unit[],
  words: readonly number[],
  cover: readonly SpanMatch[],
  language: ModelLanguage,
): number[] {
  const features = [BIAS];
  const ja = language === "ja";
  grams(features, words, T.w1, T.w2, ja ? T.w3 : undefined);
  if (cover.length > 0) {
    // the utterance with the longest non-overlapping slot spans replaced by their type
    const abs: number[] = [];
    let i = 0;
    for (const span of cover) {
      for (; i < span.start; i++) abs.push(words[i] as number);
      abs.push(hashText(span.type, TYPE));
      i = span.end;
    }
    for (; i < units.length; i++) abs.push(words[i] as number);
    grams(features, abs, T.a1, T.a2, ja ? T.a3 : undefined);
  }
  if (language === "en") for (const u of units) charGrams(features, u.norm);
  if (language === "ko") {
    // syllable prefixes/suffixes absorb verb conjugation (틀어/틀어줄래, 재생/재생해)
    for (const u of units) {
      const chars = [...u.norm];
      if (chars.length < 2) continue;
      const first = (chars[0] as string).length;
      const second = first + (chars[1] as string).length;
      features.push(f1(T.kp, hashText(u.norm, undefined, 0, first)));
      features.push(f1(T.kp2, hashText(u.norm, undefined, 0, second)));
    }
  }
  return features;
}

/**
 * The utterance as one intent would read it: its slot spans replaced by "<slotName>". Trained
 * on the examples' own spans; at recognition each candidate intent is scored on the reading
 * its tagger output gives, so slot words (titles, names) stop voting for other intents.
 */
export function slotViewFeatures(
  words: readonly number[],
  slots: readonly { slot: string; start: number; end: number }[],
): number[] {
  const features: number[] = [BIAS];
  let prev = START;
  const push = (w: number) => {
    features.push(f1(T.s1, w), f2(T.s2, prev, w));
    prev = w;
  };
  let i = 0;
  const sorted = slots.length > 1 ? [...slots].sort((a, b) => a.start - b.start) : slots;
  for (const s of sorted) {
    if (s.start < i) continue;
    for (; i < s.start; i++) push(words[i] as number);
    const slot = hashText(s.slot, SLOT);
    push(slot);
    // short values ("movie", "tv show") say something about the intent themselves
    if (s.end - s.start <= 2) {
      const value = s.end - s.start === 1 ? (words[s.start] as number) : words[s.start + 1];
      features.push(
        s.end - s.start === 1
          ? f2(T.sv, slot, value as number)
          : f3(T.sv, slot, words[s.start] as number, value as number),
      );
    }
    i = s.end;
  }
  for (; i < words.length; i++) push(words[i] as number);
  features.push(f2(T.s2, prev, END));
  return features;
}

/**
 * Keys of the words next to a slot value (the utterance edges count only when the value is all
 * there is): a value counts as understood only next to a word it was trained next to, so the
 * number in "call me at 5" is no evidence for an intent that takes a count ("roll 5").
 */
export function slotContextKeys(
  units: readonly { norm: string }[],
  slot: string,
  start: number,
  end: number,
): string[] {
  const keys: string[] = [];
  if (start > 0) keys.push(`\u0001${slot}\u0001${(units[start - 1] as { norm: string }).norm}`);
  if (end < units.length) keys.push(`\u0002${slot}\u0002${(units[end] as { norm: string }).norm}`);
  return keys.length > 0 ? keys : [`\u0003${slot}`];
}

/**
 * Keys for the out-of-domain check: en words; ja character bigrams; ko syllable bigrams inside
 * each word (so a new ending on a known stem, 취소할래 after 취소, still counts as known).
 */
export function vocabularyKeys(units: readonly { norm: string }[], language: string): string[] {
  if (language === "en") return units.map((u) => u.norm);
  const keys: string[] = [];
  if (language === "ja") {
    let prev = "^";
    for (const u of units) {
      keys.push(`${prev}${u.norm}`);
      prev = u.norm;
    }
    return keys;
  }
  for (const u of units) {
    const chars = [...u.norm];
    if (chars.length === 1) keys.push(u.norm);
    for (let i = 1; i < chars.length; i++) keys.push(`${chars[i - 1]}${chars[i]}`);
  }
  return keys;
}
