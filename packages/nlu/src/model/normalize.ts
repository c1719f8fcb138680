// Comparison keys for duplicate detection and name matching.

const KATAKANA = /[\u30a1-\u30f6]/g;

/** Folds katakana to hiragana (ァ..ヶ → ぁ..ゖ). */
export function foldKana(text: string): string {
  return text.replace(KATAKANA, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

/** Dictionary words: width (NFKC), case and runs of spaces do not count. */
export function wordKey(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

/** Sentences: width, case, spacing and punctuation do not count. */
export function sentenceKey(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\p{P}]+/gu, "");
}

/** Spoken names: like sentenceKey, and katakana = hiragana (ASR writes either). */
export function compareKey(text: string): string {
  return foldKana(sentenceKey(text));
}
