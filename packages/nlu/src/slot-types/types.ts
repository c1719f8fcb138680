// Shared types of the built-in slot types (interaction-model.md §5).

export type Language = "en" | "ja" | "ko";

export interface SlotResolveOptions {
  language: Language;
  /** The moment the user spoke; relative dates resolve against it. Default: the Unix epoch. */
  referenceTime?: Date;
  /** IANA time zone of the user (e.g. "Asia/Tokyo"). Default "UTC". */
  timeZone?: string;
}

/** interaction-model.md §5.2 */
export type DateTimeValueType =
  | "TIME"
  | "DATE"
  | "DATETIME"
  | "TIME.INTERVAL"
  | "DATE.INTERVAL"
  | "DATETIME.INTERVAL";

export interface ResolvedSlotValue {
  value: string;
  unit?: string;
  valueType?: DateTimeValueType;
}

export interface FoundSlot {
  start: number;
  end: number;
  text: string;
  resolved: ResolvedSlotValue;
}

/** One candidate a type's scanner reports, with offsets into the normalized text. */
export interface Candidate {
  start: number;
  end: number;
  resolved: ResolvedSlotValue;
}

/** What every built-in type implements. `text` is already normalized (see normalize.ts). */
export interface SlotTypeParser {
  /** Whole-span resolution: the span is normalized and trimmed. */
  resolve(span: string, options: SlotResolveOptions): ResolvedSlotValue | undefined;
  /** Every candidate in a normalized utterance (may overlap; the caller picks). */
  scan(text: string, options: SlotResolveOptions): Candidate[];
}
