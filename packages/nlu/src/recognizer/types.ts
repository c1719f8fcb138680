// Public types of the recognizer (packages/nlu interface contract, part C).
import type { ModelLanguage } from "@clover/protocol";

export interface RecognizedSlot {
  /** Slot name declared on the intent. */
  name: string;
  /** Slot type (custom type name or CLOVA.*). */
  type: string;
  /** Surface text as the user said it. */
  raw: string;
  /** Value sent to the extension: representative word, resolved built-in value, or surface. */
  value: string;
  unit?: string;
  valueType?: string;
  /** The synonym the user said when `value` is its representative word. */
  resolvedFrom?: string;
}

export interface Recognition {
  /** Best intent, or null when nothing scored above the threshold. */
  intent: string | null;
  /** Calibrated confidence in [0, 1] of `intent` (of the best candidate when intent is null). */
  confidence: number;
  slots: Record<string, RecognizedSlot>;
  /** Next best intents, best first. */
  alternatives: { intent: string; confidence: number }[];
  /** Which layer decided: exact template match, statistical model, or no match. */
  layer: "exact" | "statistical" | "none";
}

export interface RecognizeOptions {
  referenceTime?: Date;
  timeZone?: string;
  /** Overrides the threshold given to compileModel. */
  threshold?: number;
}

export interface Recognizer {
  readonly language: ModelLanguage;
  /** Every intent this recognizer can return: custom intents, then enabled built-in intents. */
  readonly intents: readonly string[];
  recognize(text: string, options?: RecognizeOptions): Recognition;
}

export interface CompileOptions {
  /** Minimum confidence for an intent to be returned (default 0.5). */
  threshold?: number;
}
