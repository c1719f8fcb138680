// Name comparison tolerant of small ASR errors (interaction-model.md §9.1, §9.4): keys fold
// case, width, spacing and kana script, then decompose (NFD) so that edits count Hangul jamo
// and kana voicing marks (박스/박쓰, ボ/ホ = one edit); short names must match exactly.
import { distance } from "fastest-levenshtein";
import { compareKey } from "../model/normalize.js";

/** Edits tolerated for a name key of this length: none below 5, 1 up to 7, 2 up to 15, then 3. */
export function allowedEdits(keyLength: number): number {
  if (keyLength < 5) return 0;
  if (keyLength < 8) return 1;
  return keyLength < 16 ? 2 : 3;
}

/** The key names are compared on. */
export function nameKey(text: string): string {
  return compareKey(text).normalize("NFD");
}

export interface NameEntry {
  extensionId: string;
  name: string;
  key: string;
  /** Order of registration, for stable tie-breaking. */
  order: number;
}

export interface NameHit {
  entry: NameEntry;
  /** 1 for an exact key match, below 0.9 for fuzzy ones. */
  similarity: number;
}

/**
 * Best registered name for a spoken candidate given by its key (`nameKey`), or undefined when
 * none is close enough.
 */
export function bestName(
  key: string,
  entries: readonly NameEntry[],
  fuzzy: boolean,
): NameHit | undefined {
  if (key === "") return undefined;
  let best: NameHit | undefined;
  for (const entry of entries) {
    let similarity = 0;
    if (entry.key === key) similarity = 1;
    else {
      // the bare-name pattern only tolerates errors in long names
      const limit = fuzzy ? allowedEdits(entry.key.length) : entry.key.length >= 10 ? 1 : 0;
      if (limit === 0 || Math.abs(entry.key.length - key.length) > limit) continue;
      const d = distance(entry.key, key);
      if (d > limit) continue;
      similarity = 0.9 * (1 - d / Math.max(entry.key.length, key.length));
    }
    if (!best || similarity > best.similarity) best = { entry, similarity };
  }
  return best;
}
