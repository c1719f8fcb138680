// Slot dictionaries (interaction-model.md §6): representative values and synonyms of every
// custom slot type, as a trie over normalized units. Finds every dictionary span of an
// utterance in one pass and resolves a span to its representative value.
import type { CustomSlotType, ModelLanguage } from "@clover/protocol";
import { checkDictionary } from "../model/dictionary.js";
import { toUnits, type Unit } from "./units.js";

export interface DictionaryEntry {
  type: string;
  /** Representative value. */
  value: string;
  /** True when the normalized form is a synonym, not the representative word itself. */
  synonym: boolean;
}

export interface SpanMatch {
  type: string;
  start: number; // unit index
  end: number; // unit index, exclusive
  entry?: DictionaryEntry;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  entries?: DictionaryEntry[];
}

/** A gazetteer as plain data (structured-cloneable), for moving it between threads. */
export interface GazetteerState {
  root: TrieNode;
  byKey: Map<string, Map<string, DictionaryEntry>>;
  language: ModelLanguage;
  maxLength: number;
}

const newNode = (): TrieNode => ({ next: new Map() });

export class Gazetteer {
  readonly #root: TrieNode = newNode();
  readonly #byKey = new Map<string, Map<string, DictionaryEntry>>();
  readonly #language: ModelLanguage;
  #maxLength = 0;

  constructor(language: ModelLanguage, state?: GazetteerState) {
    this.#language = language;
    if (state) {
      this.#root = state.root;
      this.#byKey = state.byKey;
      this.#maxLength = state.maxLength;
    }
  }

  static fromState(state: GazetteerState): Gazetteer {
    return new Gazetteer(state.language, state);
  }

  /** The trie and the lookup table as they are (shared, not copied). */
  state(): GazetteerState {
    return {
      root: this.#root,
      byKey: this.#byKey,
      language: this.#language,
      maxLength: this.#maxLength,
    };
  }

  addType(slotType: CustomSlotType): void {
    // A repeated representative word's later entry is left out, synonyms and all (§8.3).
    for (const v of checkDictionary(slotType.values).merged) {
      this.add(slotType.name, v.value, v.value, false);
      for (const s of v.synonyms ?? []) this.add(slotType.name, s, v.value, true);
    }
  }

  add(type: string, surface: string, value: string, synonym: boolean): void {
    const units = toUnits(surface, this.#language);
    if (units.length === 0) return;
    const key = units.map((u) => u.norm).join(" ");
    let byType = this.#byKey.get(key);
    if (!byType) {
      byType = new Map();
      this.#byKey.set(key, byType);
    }
    if (byType.has(type)) return; // first definition wins (representatives are added first)
    const entry: DictionaryEntry = { type, value, synonym };
    byType.set(type, entry);
    let node = this.#root;
    for (const u of units) {
      let child = node.next.get(u.norm);
      if (!child) {
        child = newNode();
        node.next.set(u.norm, child);
      }
      node = child;
    }
    node.entries ??= [];
    node.entries.push(entry);
    this.#maxLength = Math.max(this.#maxLength, units.length);
  }

  /** Every dictionary span in the utterance (overlapping spans included). */
  findAll(units: readonly Unit[]): SpanMatch[] {
    const found: SpanMatch[] = [];
    for (let i = 0; i < units.length; i++) {
      let node: TrieNode | undefined = this.#root;
      for (let j = i; j < units.length && j - i < this.#maxLength; j++) {
        node = node.next.get((units[j] as Unit).norm);
        if (!node) break;
        for (const entry of node.entries ?? [])
          found.push({ type: entry.type, start: i, end: j + 1, entry });
      }
    }
    return found;
  }

  /** Resolve a normalized span key of a given type. */
  lookup(type: string, key: string): DictionaryEntry | undefined {
    return this.#byKey.get(key)?.get(type);
  }
}

/** Greedy longest-first, non-overlapping selection of spans (ties: earlier start). */
export function longestCover(spans: readonly SpanMatch[]): SpanMatch[] {
  const sorted = [...spans].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const taken: SpanMatch[] = [];
  for (const s of sorted) {
    if (taken.every((t) => s.end <= t.start || s.start >= t.end)) taken.push(s);
  }
  return taken.sort((a, b) => a.start - b.start);
}
