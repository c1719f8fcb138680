// A generated model for the scaling benchmark: N intents × M utterance examples over a
// synthetic vocabulary, with shared custom slot types, plus held-out test utterances built
// from the same grammar with other fillers and slot values.
import type { InteractionModel } from "@clover/protocol";

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES =
  "ka ki ku ke ko sa shi su se so ta te to na ni nu ne no ma mi mu me mo ra ri ru re ro".split(" ");

/** Distinct made-up words of a few syllables each (never the same word twice). */
export function wordMaker(random: () => number): (syllables: number) => string {
  const used = new Set<string>();
  return (syllables) => {
    for (;;) {
      const w = Array.from(
        { length: syllables },
        () => SYLLABLES[Math.floor(random() * SYLLABLES.length)],
      ).join("");
      if (!used.has(w)) {
        used.add(w);
        return w;
      }
    }
  };
}

export interface ScalingData {
  model: InteractionModel;
  test: { text: string; intent: string }[];
}

export function scalingModel(intents: number, perIntent: number, seed = 1): ScalingData {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const word = wordMaker(random);
  const verbs = Array.from({ length: 300 }, () => word(3));
  const nouns = Array.from({ length: 2000 }, () => word(3));
  const openers = [
    "please",
    "could you",
    "i want to",
    "can you",
    "let's",
    "i'd like to",
    "go ahead and",
    "",
  ];
  const closers = ["now", "for me", "please", "right away", "today", ""];
  const types = Array.from({ length: 20 }, (_, k) => ({
    name: `TYPE_${k}`,
    values: Array.from({ length: 60 }, () => ({ value: word(3), synonyms: [word(4)] })),
  }));
  const test: { text: string; intent: string }[] = [];
  const intentList = Array.from({ length: intents }, (_, i) => {
    const name = `Intent${i}`;
    // each intent: a verb + one or two nouns; pairs are unique across intents
    const verb = verbs[i % verbs.length] as string;
    const objects = [
      nouns[(i * 7) % nouns.length] as string,
      nouns[(i * 13 + 1) % nouns.length] as string,
    ];
    const slotType = i % 3 === 0 ? undefined : (types[i % types.length] as (typeof types)[number]);
    const say = (tagged: boolean) => {
      const value = slotType ? pick(slotType.values) : undefined;
      const surface = value ? (random() < 0.3 ? (value.synonyms[0] as string) : value.value) : "";
      const slot = value ? (tagged ? `<item>${surface}</item>` : surface) : "";
      const parts = [
        pick(openers),
        verb,
        pick(objects),
        slot && pick(["with", "for", "about"]),
        slot,
        pick(closers),
      ];
      return parts.filter((p) => p !== "").join(" ");
    };
    const utterances = [...new Set(Array.from({ length: perIntent }, () => say(true)))];
    for (let k = 0; k < 2; k++) test.push({ text: say(false), intent: name });
    return {
      name,
      slots: slotType ? [{ name: "item", type: slotType.name }] : [],
      utterances,
    };
  });
  return {
    model: {
      language: "en",
      invocation: { main: "scaling" },
      builtinIntents: [],
      customSlotTypes: types,
      intents: intentList,
    },
    test,
  };
}
