// Custom slot type dictionaries (interaction-model.md §6, §8.3): repeated words are reported
// and the first kept (a repeated representative word's whole entry is left out); a word that
// belongs to two entries is an error.
import type { CustomSlotValue } from "@clover/protocol";
import { wordKey } from "./normalize.js";

export interface DictionaryFinding {
  severity: "error" | "warning";
  message: string;
  /** Index of the entry, and of the synonym in it (-1 = the representative word). */
  entry: number;
  synonym: number;
}

interface Owner {
  target: number;
  entry: number;
  synonym: number;
  word: string;
}

const q = (s: string) => JSON.stringify(s);

/**
 * Checks one dictionary. `merged` is the dictionary with repeats removed: the first entry of a
 * representative word is kept as it is, and a later entry with the same word is left out with
 * its synonyms (§8.3 "keep the first").
 */
export function checkDictionary(values: readonly CustomSlotValue[]): {
  findings: DictionaryFinding[];
  merged: CustomSlotValue[];
} {
  const findings: DictionaryFinding[] = [];
  const owners = new Map<string, Owner>();
  const merged: { value: string; synonyms: string[]; had: boolean }[] = [];
  const describe = (o: Owner) =>
    o.synonym < 0
      ? `the representative word of entry ${o.entry + 1}`
      : `a synonym of ${q(merged[o.target]?.value ?? "")} (entry ${o.entry + 1})`;
  values.forEach((v, entry) => {
    const first = owners.get(wordKey(v.value));
    const target = merged.length;
    if (first && first.synonym < 0) {
      findings.push({
        severity: "warning",
        message: `representative word ${q(v.value)} repeats ${describe(first)}; the first is kept and this entry is ignored`,
        entry,
        synonym: -1,
      });
      return;
    }
    if (first)
      findings.push({
        severity: "error",
        message: `${q(v.value)} belongs to two entries: it is already ${describe(first)}`,
        entry,
        synonym: -1,
      });
    else owners.set(wordKey(v.value), { target, entry, synonym: -1, word: v.value });
    merged.push({ value: v.value, synonyms: [], had: v.synonyms !== undefined });
    (v.synonyms ?? []).forEach((word, synonym) => {
      const key = wordKey(word);
      const owner = owners.get(key);
      if (!owner) {
        owners.set(key, { target, entry, synonym, word });
        merged[target]?.synonyms.push(word);
      } else if (owner.target === target)
        findings.push({
          severity: "warning",
          message: `synonym ${q(word)} repeats ${owner.synonym < 0 ? "the representative word" : `synonym ${q(owner.word)}`} of the same entry; the first is kept`,
          entry,
          synonym,
        });
      else
        findings.push({
          severity: "error",
          message: `synonym ${q(word)} belongs to two entries: it is already ${describe(owner)}`,
          entry,
          synonym,
        });
    });
  });
  return {
    findings,
    merged: merged.map((m) =>
      m.synonyms.length > 0 || m.had
        ? { value: m.value, synonyms: m.synonyms }
        : { value: m.value },
    ),
  };
}
