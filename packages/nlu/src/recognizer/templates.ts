// Exact/template layer: every utterance example becomes a template whose slot spans are
// placeholders of the slot's type ("order {PIZZA_TYPE} pizza"). Templates share a trie keyed
// by normalized units; matching walks the trie once along the input, entering a placeholder
// branch wherever a dictionary or built-in span of that type starts — no scan over templates.
import type { SpanMatch } from "./gazetteer.js";
import type { Unit } from "./units.js";

export interface TemplateEnd {
  intent: number;
  /** Slot names of the placeholders, in order. */
  slotNames: readonly string[];
  /** How many examples produced this template. */
  count: number;
}

interface Node {
  lit: Map<string, Node>;
  slot: Map<string, Node>;
  ends?: TemplateEnd[];
}

export interface TemplateMatch {
  end: TemplateEnd;
  spans: SpanMatch[];
}

export type TemplatePart = { literal: string } | { type: string; slot: string };

const MAX_STEPS = 4000;

/** A template index as plain data (structured-cloneable), for moving it between threads. */
export interface TemplateIndexState {
  root: Node;
  size: number;
}

export class TemplateIndex {
  readonly #root: Node = { lit: new Map(), slot: new Map() };
  size = 0;

  static fromState(state: TemplateIndexState): TemplateIndex {
    const index = new TemplateIndex();
    index.#root.lit = state.root.lit;
    index.#root.slot = state.root.slot;
    if (state.root.ends) index.#root.ends = state.root.ends;
    index.size = state.size;
    return index;
  }

  /** The trie as it is (shared, not copied). */
  state(): TemplateIndexState {
    return { root: this.#root, size: this.size };
  }

  add(parts: readonly TemplatePart[], intent: number): void {
    let node = this.#root;
    const slotNames: string[] = [];
    for (const part of parts) {
      const map = "literal" in part ? node.lit : node.slot;
      const key = "literal" in part ? part.literal : part.type;
      if (!("literal" in part)) slotNames.push(part.slot);
      let child = map.get(key);
      if (!child) {
        child = { lit: new Map(), slot: new Map() };
        map.set(key, child);
      }
      node = child;
    }
    node.ends ??= [];
    const same = node.ends.find(
      (e) => e.intent === intent && e.slotNames.join("\0") === slotNames.join("\0"),
    );
    if (same) same.count++;
    else {
      node.ends.push({ intent, slotNames, count: 1 });
      this.size++;
    }
  }

  /** Every template the whole input matches, with the spans filling its placeholders. */
  match(units: readonly Unit[], spans: readonly SpanMatch[]): TemplateMatch[] {
    const startingAt = new Map<number, SpanMatch[]>();
    for (const s of spans) {
      const list = startingAt.get(s.start);
      if (list) list.push(s);
      else startingAt.set(s.start, [s]);
    }
    const results: TemplateMatch[] = [];
    let steps = 0;
    const walk = (node: Node, pos: number, picked: SpanMatch[]) => {
      if (++steps > MAX_STEPS) return;
      if (pos === units.length) {
        for (const end of node.ends ?? []) results.push({ end, spans: picked });
        return;
      }
      const lit = node.lit.get((units[pos] as Unit).norm);
      if (lit) walk(lit, pos + 1, picked);
      if (node.slot.size === 0) return;
      for (const span of startingAt.get(pos) ?? []) {
        const child = node.slot.get(span.type);
        if (child) walk(child, span.end, [...picked, span]);
      }
    };
    walk(this.#root, 0, []);
    return results;
  }
}
