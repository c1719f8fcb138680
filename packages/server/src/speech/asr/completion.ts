// Whether a recognized word sequence is a whole request the end-pointer may end on after a
// short silence (docs/speech.md, "End of speech"). The words must be a sentence of the grammar,
// and no reading of them may stop where more is needed to make sense of it:
// - before a part still to come: "ask dice" (a command may follow), "order a" (a slot value);
// - inside a slot value, a number or an invocation name that goes on: "play jazz" ("jazz
//   music"), "roll twenty" ("twenty one"), "open dice" ("open dice roller").
// Plain words that may still follow ("roll three dice" + "for me") and the optional trailing
// courtesies ("… on dice", "… please") do not keep it open: the request means the same without them.
//
// A whole request is moreover "closed" when nothing that may follow could change it: every
// longer sentence starting with these words goes on only with courtesies, or with plain words
// (no slot, number or name) to the end of an example of an intent the words already are
// ("roll three dice" + "for the game"). "open pizza shop" is whole but not closed ("… and order
// a pizza"), and so is a request one of whose examples goes on with a slot ("what is the
// forecast" + "in london") or belongs to another intent, and one that named no extension yet
// ("roll three dice" + "on dice": the trailing name is then no courtesy, it routes the request).
import { type Item, type Phrase, TOP_RULE } from "./grammar.js";

/** How far a recognized word sequence is from a request (see the file's header). */
export type Completion = "open" | "whole" | "closed";

/** Optional endings that never keep a request open. */
const COURTESIES = new Set(["tail", "polite", "naming_tail"]);
/** Optional endings after which a request is still closed ("naming_tail" names the extension). */
const HARMLESS = new Set(["tail", "polite"]);
/** Rules whose phrases are values (slot values, numbers, invocation names): a value that can go on keeps the request open. */
const isValueRule = (name: string) =>
  /^m\d+_slot_/.test(name) ||
  ["number", "below_hundred", "digit", "teen", "tens", "name"].includes(name);
const isCourtesy = (item: Item) => typeof item !== "string" && COURTESIES.has(item.rule);
const isHarmless = (item: Item) => typeof item !== "string" && HARMLESS.has(item.rule);

/**
 * The rules as the completion reads them: a request without a leading invocation
 * ("ask dice to …") ends with "naming_tail" instead of "tail" (same phrases).
 */
function withNamingTail(
  rules: ReadonlyMap<string, readonly Phrase[]>,
): ReadonlyMap<string, readonly Phrase[]> {
  const out = new Map(rules);
  const tail = rules.get("tail");
  const requests = rules.get("request");
  if (!tail || !requests) return out;
  out.set("naming_tail", tail);
  const isLead = (i: Item) => typeof i !== "string" && i.rule === "lead" && i.optional === true;
  out.set(
    "request",
    requests.flatMap((phrase) => {
      if (!phrase.some(isLead)) return [phrase];
      const led = phrase.map((i) => (isLead(i) ? { rule: "lead" } : i));
      const bare = phrase
        .filter((i) => !isLead(i))
        .map((i) =>
          typeof i !== "string" && i.rule === "tail" ? { ...i, rule: "naming_tail" } : i,
        );
      return [led, bare];
    }),
  );
  return out;
}

interface Reach {
  /** Word positions the items can end at. */
  ends: Set<number>;
  /** Some reading runs out of words where more is needed. */
  open: boolean;
  /** Some reading runs out of words where more than plain words of its intent's example may follow. */
  more: boolean;
  /** Intents of readings that run out of words where only plain words of the example follow. */
  plain: Set<string>;
  /** Intents of examples that end where the words end. */
  ending: Set<string>;
}

export class GrammarCompletion {
  private readonly rules: ReadonlyMap<string, readonly Phrase[]>;

  constructor(
    rules: ReadonlyMap<string, readonly Phrase[]>,
    private readonly intents: ReadonlyMap<Phrase, string> = new Map(),
  ) {
    this.rules = withNamingTail(rules);
  }

  /** True when `text` is a whole request of the grammar that nothing needed continues. */
  isFinal(text: string): boolean {
    return this.completion(text) !== "open";
  }

  /** "open", "whole" (isFinal) or "closed" (whole, and nothing that may follow changes it). */
  completion(text: string): Completion {
    const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0) return "open";
    const reach = this.sequence(TOP_RULE, 0, words, false, undefined, new Map());
    if (!reach.ends.has(words.length) || reach.open) return "open";
    const sameIntent = [...reach.plain].every((intent) => reach.ending.has(intent));
    return !reach.more && sameIntent ? "closed" : "whole";
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
    const out: Reach = {
      ends: new Set(),
      open: false,
      more: false,
      plain: new Set(),
      ending: new Set(),
    };
    memo.set(key, out); // the grammar has no recursion; this only guards against a cycle
    for (const phrase of this.rules.get(name) ?? []) {
      const intent = this.intents.get(phrase);
      const r = this.sequence(phrase, from, words, value, intent, memo);
      for (const e of r.ends) out.ends.add(e);
      out.open ||= r.open;
      out.more ||= r.more;
      for (const i of r.plain) out.plain.add(i);
      for (const i of r.ending) out.ending.add(i);
      if (intent !== undefined && r.ends.has(words.length)) out.ending.add(intent);
    }
    return out;
  }

  private sequence(
    items: readonly Item[],
    from: number,
    words: readonly string[],
    inValue: boolean,
    intent: string | undefined,
    memo: Map<string, Reach>,
  ): Reach {
    let at = new Set([from]);
    const out: Reach = { ends: at, open: false, more: false, plain: new Set(), ending: new Set() };
    for (const [index, item] of items.entries()) {
      if (at.size === 0) break;
      if (at.has(words.length)) {
        // The words ran out before this item.
        if (!isCourtesy(item)) out.open ||= typeof item !== "string" || inValue;
        const rest = items.slice(index);
        if (isHarmless(item)) {
          // an optional courtesy: nothing that matters may follow
        } else if (
          intent !== undefined &&
          rest.every((i) => typeof i === "string" || isHarmless(i))
        )
          out.plain.add(intent);
        else out.more = true;
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
        // A trailing name may still go on and change where the request goes ("on dice roller").
        if (isCourtesy(item)) {
          if (!isHarmless(item)) out.more ||= r.open || r.more;
          continue;
        }
        out.open ||= r.open;
        out.more ||= r.more;
        for (const i of r.plain) out.plain.add(i);
        for (const i of r.ending) out.ending.add(i);
      }
      at = next;
    }
    out.ends = at;
    return out;
  }
}
