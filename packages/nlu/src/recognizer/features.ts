// Feature templates. Intent classifier: word uni/bi-grams (ja: character uni/bi/tri-grams and
// script runs) on the text as said and on a copy where dictionary and built-in slot spans are
// replaced by their type. Slot tagger: per unit, lexical, shape, context and gazetteer features.
import type { ModelLanguage } from "@clover/protocol";
import type { SpanMatch } from "./gazetteer.js";
import type { Unit } from "./units.js";

function shape(word: string): string {
  return word
    .replace(/\p{Lu}/gu, "X")
    .replace(/\p{Ll}/gu, "x")
    .replace(/[0-9]/g, "d")
    .replace(/(.)\1+/gu, "$1$1");
}

function script(ch: string): string {
  if (/[0-9]/.test(ch)) return "d";
  if (/\p{Script=Hiragana}/u.test(ch)) return "h";
  if (/[\p{Script=Katakana}ー]/u.test(ch)) return "k";
  if (/\p{Script=Han}/u.test(ch)) return "c";
  if (/\p{Script=Hangul}/u.test(ch)) return "g";
  if (/\p{L}/u.test(ch)) return "l";
  return "o";
}

/** The utterance with the longest non-overlapping slot spans replaced by "{TYPE}". */
export function abstracted(units: readonly Unit[], cover: readonly SpanMatch[]): string[] {
  const out: string[] = [];
  let i = 0;
  for (const span of cover) {
    for (; i < span.start; i++) out.push((units[i] as Unit).norm);
    out.push(`{${span.type}}`);
    i = span.end;
  }
  for (; i < units.length; i++) out.push((units[i] as Unit).norm);
  return out;
}

export function intentFeatures(
  units: readonly Unit[],
  cover: readonly SpanMatch[],
  language: ModelLanguage,
): string[] {
  const words = units.map((u) => u.norm);
  const features = ["*"];
  const grams = (prefix: string, seq: readonly string[], trigrams: boolean) => {
    let prev2 = "^";
    let prev = "^";
    for (const w of seq) {
      features.push(`${prefix}1${w}`, `${prefix}2${prev}|${w}`);
      if (trigrams) features.push(`${prefix}3${prev2}|${prev}|${w}`);
      prev2 = prev;
      prev = w;
    }
    features.push(`${prefix}2${prev}|$`);
  };
  grams("w", words, language === "ja");
  if (cover.length > 0) {
    const abs = abstracted(units, cover);
    grams("a", abs, language === "ja");
  }
  if (language === "ko") {
    // syllable prefixes/suffixes absorb verb conjugation (틀어/틀어줄래, 재생/재생해)
    for (const w of words) {
      const chars = [...w];
      if (chars.length > 1) features.push(`kp${chars[0]}`, `kp${chars.slice(0, 2).join("")}`);
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
  units: readonly Unit[],
  slots: readonly { slot: string; start: number; end: number }[],
): string[] {
  const seq: string[] = [];
  const extra: string[] = [];
  let i = 0;
  for (const s of [...slots].sort((a, b) => a.start - b.start)) {
    if (s.start < i) continue;
    for (; i < s.start; i++) seq.push((units[i] as Unit).norm);
    seq.push(`<${s.slot}>`);
    // short values ("movie", "tv show") say something about the intent themselves
    if (s.end - s.start <= 2) extra.push(`sv${s.slot}=${unitKeyOf(units, s.start, s.end)}`);
    i = s.end;
  }
  for (; i < units.length; i++) seq.push((units[i] as Unit).norm);
  const features: string[] = ["*"];
  let prev = "^";
  for (const w of seq) {
    features.push(`s1${w}`, `s2${prev}|${w}`);
    prev = w;
  }
  features.push(`s2${prev}|$`, ...extra);
  return features;
}

function unitKeyOf(units: readonly Unit[], from: number, to: number): string {
  return units
    .slice(from, to)
    .map((u) => u.norm)
    .join(" ");
}

/** Position of unit i inside a span: B(egin), I(nside), L(ast), U(nit). */
function spanPosition(span: SpanMatch, i: number): string {
  if (span.end - span.start === 1) return "U";
  if (i === span.start) return "B";
  return i === span.end - 1 ? "L" : "I";
}

/** Lexical/context features of each unit (no dictionary features). */
export function unitFeatures(units: readonly Unit[], language: ModelLanguage): string[][] {
  const n = units.length;
  const w = (i: number) => (i < 0 ? "^" : i >= n ? "$" : (units[i] as Unit).norm);
  const out: string[][] = [];
  for (let i = 0; i < n; i++) {
    const cur = w(i);
    const f = ["*", `w${cur}`, `p${w(i - 1)}`, `n${w(i + 1)}`, `pp${w(i - 2)}`, `nn${w(i + 2)}`];
    f.push(`pw${w(i - 1)}|${cur}`, `wn${cur}|${w(i + 1)}`, `pn${w(i - 1)}|${w(i + 1)}`);
    if (language === "ja") {
      const t = (k: number) => (k < 0 || k >= n ? "_" : script(w(k)));
      f.push(`t${t(i)}`, `tt${t(i - 1)}${t(i)}${t(i + 1)}`, `ppw${w(i - 2)}|${w(i - 1)}|${cur}`);
      f.push(`wnn${cur}|${w(i + 1)}|${w(i + 2)}`);
    } else {
      const raw = (units[i] as Unit).text;
      f.push(`s${shape(raw)}`, `x3${cur.slice(-3)}`, `x2${cur.slice(-2)}`, `b3${cur.slice(0, 3)}`);
      if (language === "ko") f.push(`kp${[...cur][0]}`);
    }
    out.push(f);
  }
  return out;
}

/** Gazetteer and built-in span features of each unit. */
export function spanFeatures(n: number, spans: readonly SpanMatch[]): string[][] {
  const out: string[][] = Array.from({ length: n }, () => []);
  for (const span of spans) {
    for (let i = span.start; i < span.end; i++) {
      const pos = spanPosition(span, i);
      (out[i] as string[]).push(`g${span.type}|${pos}`);
      if (span.end - span.start > 1) (out[i] as string[]).push(`gm${span.type}`);
    }
    if (span.start > 0) (out[span.start - 1] as string[]).push(`gn${span.type}`);
    if (span.end < n) (out[span.end] as string[]).push(`gp${span.type}`);
  }
  return out.map((f) => [...new Set(f)]);
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
