// Text normalization shared by every layer of the recognizer: the same folding is applied to
// utterance examples, slot dictionaries and user input so that they compare equal.
import type { ModelLanguage } from "@clover/protocol";

export interface NormalizeOptions {
  /** ja: fold katakana to hiragana (「リンゴ」 and 「りんご」 compare equal). Default false. */
  foldKana?: boolean;
}

const KATAKANA_START = 0x30a1; // ァ
const KATAKANA_END = 0x30f6; // ヶ
const KANA_OFFSET = 0x60;

/** Punctuation that separates words; symbols such as ℃, %, ¥ or & are kept. */
const PUNCTUATION = /[\p{P}]/u;

// Folding is pure, so results are memoized per character (bounded).
const MEMO_LIMIT = 20000;
const memo = [new Map<string, string>(), new Map<string, string>()] as const;

/** Fold one character: NFKC (full/half width), lower case, optional kana folding. */
export function foldChar(ch: string, options?: NormalizeOptions): string {
  const cache = memo[options?.foldKana ? 1 : 0];
  const hit = cache.get(ch);
  if (hit !== undefined) return hit;
  const out = foldUncached(ch, options);
  if (cache.size < MEMO_LIMIT) cache.set(ch, out);
  return out;
}

function foldUncached(ch: string, options?: NormalizeOptions): string {
  let out = ch.normalize("NFKC").toLowerCase();
  if (options?.foldKana) {
    let kana = "";
    for (const c of out) {
      const code = c.codePointAt(0) ?? 0;
      kana +=
        code >= KATAKANA_START && code <= KATAKANA_END
          ? String.fromCodePoint(code - KANA_OFFSET)
          : c;
    }
    out = kana;
  }
  return out;
}

/** True when `ch` (already folded) is punctuation to drop. Apostrophes inside words are kept. */
export function isPunctuation(ch: string): boolean {
  return PUNCTUATION.test(ch) && ch !== "'" && ch !== "ー" && ch !== "-";
}

/**
 * Normalize an utterance for matching: NFKC width folding, case folding, punctuation removed,
 * runs of spaces collapsed (ja: all spaces removed, they carry no meaning there).
 */
export function normalizeText(
  text: string,
  language: ModelLanguage,
  options?: NormalizeOptions,
): string {
  let out = "";
  const chars = [...text.normalize("NFKC")];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    const folded = foldChar(ch, options);
    const keepInWord =
      (ch === "'" || ch === "." || ch === "," || ch === "-") &&
      /[\p{L}\p{N}]/u.test(chars[i - 1] ?? "") &&
      /[\p{L}\p{N}]/u.test(chars[i + 1] ?? "") &&
      (ch === "'" || ch === "-" || /\p{N}/u.test(`${chars[i - 1]}${chars[i + 1]}`));
    if (keepInWord) out += ch === "-" ? " " : ch === "," ? "" : ch;
    else if (/\s/u.test(folded) || isPunctuation(folded)) out += " ";
    else out += folded;
  }
  out = out.replace(/\s+/gu, " ").trim();
  // ja: spaces carry no meaning, except between two Latin words or numbers.
  return language === "ja" ? out.replace(/(?<![a-z0-9]) | (?![a-z0-9])/gu, "") : out;
}
