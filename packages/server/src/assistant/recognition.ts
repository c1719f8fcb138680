// What the NLU made of an utterance, as the turn result carries it to the conversation log
// and the console (confidence, deciding layer, next best intents, each slot's words).
import type { Recognition } from "@clover/nlu";
import type { TurnRecognition } from "./turn.js";

/** How many next-best intents a turn keeps. */
const ALTERNATIVES = 3;

export function turnRecognition(recognition: Recognition): TurnRecognition {
  return {
    intent: recognition.intent,
    confidence: recognition.confidence,
    layer: recognition.layer,
    alternatives: recognition.alternatives.slice(0, ALTERNATIVES),
    slots: Object.fromEntries(
      Object.entries(recognition.slots).map(([name, slot]) => [
        name,
        { raw: slot.raw, type: slot.type, value: slot.value },
      ]),
    ),
  };
}
