// Whether a recognized word sequence is a whole request the end-pointer may end on after a
// short silence (docs/speech.md, "End of speech"). The words must be a sentence of the grammar,
// and no reading of them may stop where more is needed to make sense of it:
// - before a part still to come: "ask dice" (a command may follow), "order a" (a slot value);
// - inside a slot value, a number or an invocation name that goes on: "play jazz" ("jazz
//   music"), "roll twenty" ("twenty one"), "open dice" ("open dice roller").
// Plain words that may still follow ("roll three dice" + "for me") and the optional trailing
// courtesies ("… on dice", "… please") do not keep it open: the request means the same without them.
import { type Item, type Phrase, TOP_RULE } from "./grammar.js";

/** Optional endings that never keep a request open. */
const COURTESIES = new Set(["tail", "polite"]);
/** Rules whose phrases are values (slot values, numbers, invocation names): a value that can go on keeps the request open. */
const isValueRule = (name: string) =>
  /^m\d+_slot_/.test(name) ||
  ["number", "below_hundred", "digit", "teen", "tens", "name"].includes(name);

interface Reach {
  /** Word positions the items can end at. */
  ends: Set<number>;
  /** Some reading runs out of words where more is needed. */
  open: boolean;
}

export class GrammarCompletion {
  constructor(private readonly rules: ReadonlyMap<string, readonly Phrase[]>) {}

  /** True when `text` is a whole request of the grammar that nothing needed continues. */
  isFinal(text: string): boolean {
    const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0) return false;
    const reach = this.sequence(TOP_RULE, 0, words, false, new Map());
    return reach.ends.has(words.length) && !reach.open;
  }

  private rule(
    name: string,
    from: number,
    words: readonly string[],
    inValue: boolean,
    memo: Map<string, Reach>,
  ): Reach {
    const value = inValue || isValueRule(name);
    const key = `${name}\u0000${from}\u0000${value}`;
    const known = memo.get(key);
    if (known) return known;
    const out: Reach = { ends: new Set(), open: false };
    memo.set(key, out); // the grammar has no recursion; this only guards against a cycle
    for (const phrase of this.rules.get(name) ?? []) {
      const r = this.sequence(phrase, from, words, value, memo);
      for (const e of r.ends) out.ends.add(e);
      if (r.open) out.open = true;
    }
    return out;
  }

  private sequence(
    items: readonly Item[],
    from: number,
    words: readonly string[],
    inValue: boolean,
    memo: Map<string, Reach>,
  ): Reach {
    let at = new Set([from]);
    let open = false;
    for (const item of items) {
      if (at.size === 0) break;
      if (at.has(words.length)) {
        // The words ran out before this item.
        if (typeof item === "string") open ||= inValue;
        else open ||= inValue || !COURTESIES.has(item.rule);
      }
      const next = new Set<number>();
      for (const p of at) {
        if (typeof item === "string") {
          if (words[p] === item) next.add(p + 1);
          continue;
        }
        if (item.optional) next.add(p);
        if (p >= words.length) continue;
        const r = this.rule(item.rule, p, words, inValue, memo);
        for (const e of r.ends) next.add(e);
        // Inside a courtesy nothing keeps the request open ("… on dice" / "… on dice roller").
        open ||= r.open && !COURTESIES.has(item.rule);
      }
      at = next;
    }
    return { ends: at, open };
  }
}
