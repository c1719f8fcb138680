import type { InteractionModel } from "@clover/protocol";
import { normalizeText } from "../text/index.js";
import type { CompileOptions, Recognition, Recognizer } from "./types.js";

/** Compile an interaction model into an immutable recognizer (placeholder: exact text only). */
export function compileModel(model: InteractionModel, options?: CompileOptions): Recognizer {
  const exact = new Map<string, string>();
  for (const intent of model.intents) {
    for (const u of intent.utterances) exact.set(normalizeText(u, model.language), intent.name);
  }
  const threshold = options?.threshold ?? 0.5;
  return Object.freeze({
    language: model.language,
    intents: Object.freeze(model.intents.map((i) => i.name)),
    recognize(text: string): Recognition {
      const intent = exact.get(normalizeText(text, model.language)) ?? null;
      return {
        intent: intent && threshold <= 1 ? intent : null,
        confidence: intent ? 1 : 0,
        slots: {},
        alternatives: [],
        layer: intent ? "exact" : "none",
      };
    },
  });
}
