// Builds an interaction model from sentence patterns: each pattern's `{slot}` places are
// filled in turn with sample phrases, so the tagger sees every slot in many positions and
// with many values. The patterns are the model (there is no phrase table beside it).

import type { Language } from "../../../assistant/turn.js";
import type { AbilityModel } from "../../ability.js";

export interface IntentPatterns {
  name: string;
  slots?: Record<string, string>;
  patterns: string[];
}

export interface ModelSource {
  language: Language;
  intents: IntentPatterns[];
  /** Sample phrases per slot name, cycled through as patterns are filled. */
  samples: Record<string, string[]>;
  customSlotTypes: NonNullable<AbilityModel["customSlotTypes"]>;
}

const PLACE = /\{(\w+)\}/g;

/** Every pattern filled `rounds` times with rotating samples (deterministic). */
export function buildModel(source: ModelSource, rounds = 6): AbilityModel {
  const cursor = new Map<string, number>();
  const next = (slot: string): string => {
    const samples = source.samples[slot];
    if (!samples || samples.length === 0) throw new Error(`no samples for slot {${slot}}`);
    const at = cursor.get(slot) ?? 0;
    cursor.set(slot, at + 1);
    return samples[at % samples.length]!;
  };
  const builtins = new Set<string>();
  const intents = source.intents.map((intent) => {
    const utterances = new Set<string>();
    for (const pattern of intent.patterns) {
      const fills = pattern.includes("{") ? rounds : 1;
      for (let i = 0; i < fills; i++)
        utterances.add(
          pattern.replace(PLACE, (_, slot: string) => `<${slot}>${next(slot)}</${slot}>`),
        );
    }
    const slots = Object.entries(intent.slots ?? {}).map(([name, type]) => {
      if (type.startsWith("CLOVA.")) builtins.add(type);
      return { name, type };
    });
    return { name: intent.name, ...(slots.length ? { slots } : {}), utterances: [...utterances] };
  });
  return {
    language: source.language,
    intents,
    customSlotTypes: source.customSlotTypes,
    builtinSlotTypes: [...builtins].sort(),
    builtinIntents: ["Clova.GuideIntent", "Clova.YesIntent", "Clova.NoIntent"],
  } as AbilityModel;
}
