// Turns an interaction model into training material: the dictionary, the slot label set, and
// one prepared example per utterance example (plus built-in intent phrases and, for intents
// with few examples, variants whose custom slot values are swapped for other dictionary words).
import type { InteractionModel } from "@clover/protocol";
import { builtinIntentPhrases } from "../builtin-intents/index.js";
import { parseUtterance, type UtteranceSlotSpan } from "../model/index.js";
import { isBuiltinSlotType } from "./builtins.js";
import { Gazetteer } from "./gazetteer.js";
import { rng } from "./weights.js";

export interface SourceExample {
  intent: number;
  text: string;
  slots: UtteranceSlotSpan[];
  /** Generated variant (not used as an exact template). */
  synthetic: boolean;
}

export interface ModelInfo {
  intents: string[];
  customCount: number;
  /** intent index → slot name → type */
  slotTypes: Map<string, string>[];
  slotNames: string[];
  builtinTypes: string[];
  openTypes: Set<string>;
  gazetteer: Gazetteer;
  examples: SourceExample[];
}

const AUGMENT_TARGET = 120;

/** Built-in intents the recognizer answers: the enabled ones plus the mandatory Guide (§3.3). */
export function enabledBuiltinIntents(model: InteractionModel): string[] {
  const names = new Set(model.builtinIntents ?? []);
  names.add("Clova.GuideIntent");
  names.delete("Clova.FallbackIntent"); // chosen by the platform when nothing matches (§3.5)
  return [...names];
}

export function prepare(model: InteractionModel): ModelInfo {
  const language = model.language;
  const gazetteer = new Gazetteer(language);
  const openTypes = new Set<string>();
  const dictionary = new Map<string, string[]>();
  for (const t of model.customSlotTypes ?? []) {
    gazetteer.addType(t);
    if (t.open) openTypes.add(t.name);
    dictionary.set(
      t.name,
      t.values.flatMap((v) => [v.value, ...(v.synonyms ?? [])]),
    );
  }
  const builtins = enabledBuiltinIntents(model);
  const intents = [...model.intents.map((i) => i.name), ...builtins];
  const slotTypes: Map<string, string>[] = [];
  const slotNames = new Set<string>();
  const builtinTypes = new Set<string>();
  const examples: SourceExample[] = [];
  model.intents.forEach((intent, index) => {
    const types = new Map<string, string>();
    for (const s of intent.slots ?? []) {
      types.set(s.name, s.type);
      slotNames.add(s.name);
      if (isBuiltinSlotType(s.type)) builtinTypes.add(s.type);
    }
    slotTypes.push(types);
    for (const u of intent.utterances) {
      const parsed = parseUtterance(u);
      examples.push({ intent: index, text: parsed.text, slots: parsed.slots, synthetic: false });
      for (const s of parsed.slots) {
        const type = types.get(s.name);
        // open types learn their values from the examples too (§6)
        if (type && openTypes.has(type)) gazetteer.add(type, s.text.trim(), s.text.trim(), false);
      }
    }
  });
  const phrases = builtinIntentPhrases(language);
  builtins.forEach((name, k) => {
    slotTypes.push(new Map());
    for (const p of phrases[name] ?? [])
      examples.push({ intent: model.intents.length + k, text: p, slots: [], synthetic: false });
  });
  examples.push(...augment(examples, slotTypes, dictionary));
  return {
    intents,
    customCount: model.intents.length,
    slotTypes,
    slotNames: [...slotNames],
    builtinTypes: [...builtinTypes],
    openTypes,
    gazetteer,
    examples,
  };
}

/** Variants of examples with other dictionary words in custom slots, for small intents. */
function augment(
  examples: readonly SourceExample[],
  slotTypes: readonly Map<string, string>[],
  dictionary: ReadonlyMap<string, string[]>,
): SourceExample[] {
  const random = rng(7);
  const byIntent = new Map<number, SourceExample[]>();
  for (const ex of examples) {
    const list = byIntent.get(ex.intent);
    if (list) list.push(ex);
    else byIntent.set(ex.intent, [ex]);
  }
  const out: SourceExample[] = [];
  for (const [intent, list] of byIntent) {
    const swappable = list.filter((ex) =>
      ex.slots.some((s) => (dictionary.get(slotTypes[intent]?.get(s.name) ?? "")?.length ?? 0) > 1),
    );
    if (swappable.length === 0 || list.length >= AUGMENT_TARGET) continue;
    for (let n = 0; n < AUGMENT_TARGET - list.length; n++) {
      const ex = swappable[n % swappable.length] as SourceExample;
      let text = "";
      let at = 0;
      const slots: UtteranceSlotSpan[] = [];
      for (const s of ex.slots) {
        const words = dictionary.get(slotTypes[intent]?.get(s.name) ?? "");
        const surface = words ? (words[Math.floor(random() * words.length)] as string) : s.text;
        text += ex.text.slice(at, s.start);
        slots.push({
          name: s.name,
          start: text.length,
          end: text.length + surface.length,
          text: surface,
        });
        text += surface;
        at = s.end;
      }
      text += ex.text.slice(at);
      out.push({ intent, text, slots, synthetic: true });
    }
  }
  return out;
}
