// Does a tagged span hold a value its slot type can produce? Closed custom types only capture
// dictionary words (interaction-model.md §6, after width/kana/case folding); built-in types
// must read the span (§5).
import type { InteractionModel } from "@clover/protocol";
import { isBuiltinSlotType, resolveBuiltinSlot } from "../slot-types/index.js";
import { compareKey } from "./normalize.js";

export type SpanCheck = (type: string, text: string) => string | undefined;

export function spanChecker(model: InteractionModel): SpanCheck {
  const dictionaries = new Map<string, Set<string>>();
  for (const type of Array.isArray(model.customSlotTypes) ? model.customSlotTypes : []) {
    if (typeof type?.name !== "string" || type.open || !Array.isArray(type.values)) continue;
    const words = new Set<string>();
    for (const v of type.values) {
      if (typeof v?.value === "string") words.add(compareKey(v.value));
      for (const s of Array.isArray(v?.synonyms) ? v.synonyms : [])
        if (typeof s === "string") words.add(compareKey(s));
    }
    if (!dictionaries.has(type.name)) dictionaries.set(type.name, words);
  }
  return (type, text) => {
    const q = JSON.stringify(text);
    const words = dictionaries.get(type);
    if (words)
      return words.has(compareKey(text))
        ? undefined
        : `${q} is not a word of ${type}; add it as a value or synonym (closed slot types only capture dictionary words)`;
    if (!isBuiltinSlotType(type)) return undefined;
    try {
      if (resolveBuiltinSlot(type, text, { language: model.language }) !== undefined)
        return undefined;
    } catch {
      // a resolver that fails on this span cannot read it either
    }
    return `${q} does not read as a ${type} value`;
  };
}
