// Tokenization per language. Offsets always point into the text given to tokenize(), so a
// recognizer can report the exact surface a user said; `norm` is the folded form used for
// matching (normalize.ts).
//   en: words (letters and digits; internal apostrophes and decimal points kept)
//   ja: script runs (kanji / hiragana / katakana / Latin / digits); the recognizer adds
//       character n-grams on top, so no dictionary-based segmenter is needed
//   ko: spacing units (eojeol), with common particles and request endings split off the stem
import type { ModelLanguage } from "@clover/protocol";
import { foldChar, isPunctuation, type NormalizeOptions } from "./normalize.js";

export interface Token {
  /** Surface text as it appears in the input. */
  text: string;
  /** Normalized form (normalize.ts). */
  norm: string;
  /** Offsets into the input (UTF-16 code units), end exclusive. */
  start: number;
  end: number;
}

type Script = "latin" | "digit" | "kanji" | "hira" | "kata" | "hangul" | "other";

const scripts = new Map<string, Script>();

export function scriptOf(ch: string): Script {
  let script = scripts.get(ch);
  if (script === undefined) {
    script = scriptUncached(ch);
    if (scripts.size < 20000) scripts.set(ch, script);
  }
  return script;
}

function scriptUncached(ch: string): Script {
  if (/[0-9]/.test(ch)) return "digit";
  if (/[\p{Script=Hangul}]/u.test(ch)) return "hangul";
  if (/[\p{Script=Hiragana}]/u.test(ch)) return "hira";
  if (/[\p{Script=Katakana}ー]/u.test(ch)) return "kata";
  if (/[\p{Script=Han}々〆]/u.test(ch)) return "kanji";
  if (/[\p{L}\p{M}]/u.test(ch)) return "latin";
  return "other";
}

interface Piece {
  norm: string;
  start: number;
  end: number;
  script: Script;
}

/** Folded characters with their source offsets; separators are reported as null. */
function pieces(text: string, options?: NormalizeOptions): (Piece | null)[] {
  const out: (Piece | null)[] = [];
  const chars: { ch: string; start: number }[] = [];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(cp);
    chars.push({ ch, start: i });
    i += ch.length;
  }
  for (let k = 0; k < chars.length; k++) {
    const { ch, start } = chars[k] as { ch: string; start: number };
    const norm = foldChar(ch, options);
    const end = start + ch.length;
    const prev = out[out.length - 1];
    const next = chars[k + 1] ? foldChar((chars[k + 1] as { ch: string }).ch) : "";
    if (norm.trim() === "") {
      out.push(null);
    } else if (
      (norm === "'" && prev?.script === "latin" && /\p{L}/u.test(next)) ||
      ((norm === "." || norm === ",") && prev?.script === "digit" && /[0-9]/.test(next))
    ) {
      // "don't", "3.5" and "1,000" stay one word; the thousands separator is dropped
      out.push({ norm: norm === "," ? "" : norm, start, end, script: prev.script });
    } else if (isPunctuation(norm) && !(norm === "ー" || norm === "-")) {
      out.push(null);
    } else {
      out.push({ norm, start, end, script: scriptOf([...norm][0] ?? norm) });
    }
  }
  return out;
}

/** Which scripts may share one token. */
function sameRun(a: Script, b: Script, language: ModelLanguage): boolean {
  if (a === b) return a !== "other";
  if (language === "en")
    return (a === "latin" || a === "digit") && (b === "latin" || b === "digit");
  return false;
}

// Korean particles and request endings, longest first (split off a stem of >= minStem syllables).
const KO_SUFFIXES: readonly [string, number][] = [
  ["해주세요", 1],
  ["해줄래요", 1],
  ["해줄래", 1],
  ["해줘요", 1],
  ["주세요", 1],
  ["해줘", 1],
  ["줘요", 1],
  ["에서는", 1],
  ["으로는", 1],
  ["에서", 1],
  ["으로", 1],
  ["하고", 1],
  ["이랑", 1],
  ["에게", 1],
  ["한테", 1],
  ["까지", 1],
  ["부터", 1],
  ["처럼", 1],
  ["보다", 1],
  ["줘", 1],
  ["을", 1],
  ["를", 1],
  ["은", 2],
  ["는", 2],
  ["이", 2],
  ["가", 2],
  ["에", 1],
  ["로", 2],
  ["랑", 2],
  ["와", 2],
  ["과", 2],
  ["의", 2],
  ["도", 2],
  ["만", 2],
];

function splitKorean(token: Token): Token[] {
  for (const [suffix, minStem] of KO_SUFFIXES) {
    if (token.norm.endsWith(suffix) && [...token.norm].length - suffix.length >= minStem) {
      const cut = token.text.length - suffix.length;
      if (token.text.slice(cut).normalize("NFKC") !== suffix) continue;
      const stem: Token = {
        text: token.text.slice(0, cut),
        norm: token.norm.slice(0, token.norm.length - suffix.length),
        start: token.start,
        end: token.start + cut,
      };
      const particle: Token = {
        text: suffix,
        norm: suffix,
        start: token.start + cut,
        end: token.end,
      };
      return [...splitKorean(stem), particle];
    }
  }
  return [token];
}

/** A run of pieces as a token (a run that normalized to nothing is dropped). */
function pushRun(tokens: Token[], text: string, run: Piece | null): void {
  if (run && run.norm !== "")
    tokens.push({
      text: text.slice(run.start, run.end),
      norm: run.norm,
      start: run.start,
      end: run.end,
    });
}

export function tokenize(
  text: string,
  language: ModelLanguage,
  options?: NormalizeOptions,
): Token[] {
  const tokens: Token[] = [];
  let current: Piece | null = null;
  for (const piece of pieces(text, options)) {
    if (piece === null) {
      pushRun(tokens, text, current);
      current = null;
      continue;
    }
    if (current !== null && sameRun(current.script, piece.script, language)) {
      current.norm += piece.norm;
      current.end = piece.end;
    } else {
      pushRun(tokens, text, current);
      current = { ...piece };
    }
  }
  pushRun(tokens, text, current);
  return language === "ko" ? tokens.flatMap(splitKorean) : tokens;
}
