// Built-in slot types (interaction-model.md §5) come from the slot-types module: spans are
// found in the raw text and mapped onto recognizer units.
import type { ModelLanguage } from "@clover/protocol";
import {
  findBuiltinSlots,
  isBuiltinSlotType,
  type ResolvedSlotValue,
  resolveBuiltinSlot,
} from "../slot-types/index.js";
import type { SpanMatch } from "./gazetteer.js";
import { type Unit, unitRange } from "./units.js";

export interface BuiltinSpan extends SpanMatch {
  resolved: ResolvedSlotValue;
}

export interface BuiltinContext {
  language: ModelLanguage;
  referenceTime?: Date;
  timeZone?: string;
}

export { isBuiltinSlotType };

export function findBuiltinSpans(
  types: readonly string[],
  text: string,
  units: readonly Unit[],
  context: BuiltinContext,
): BuiltinSpan[] {
  const out: BuiltinSpan[] = [];
  for (const type of types) {
    for (const found of findBuiltinSlots(type, text, context)) {
      const range = unitRange(units, found.start, found.end);
      if (range) out.push({ type, start: range[0], end: range[1], resolved: found.resolved });
    }
  }
  return out;
}

export function resolveBuiltin(
  type: string,
  span: string,
  context: BuiltinContext,
): ResolvedSlotValue | undefined {
  return resolveBuiltinSlot(type, span, context);
}
