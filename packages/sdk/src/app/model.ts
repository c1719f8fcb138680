// Compile-time view of an interaction model. `generateModelTypes` writes a type of this shape
// for a real model; without one every intent and slot name is accepted.

/** intent name → slot name → slot value type (a string union for closed custom types). */
export interface ModelTypes {
  intents: { [intent: string]: { [slot: string]: string } };
}
/** The default: any intent, any slot. */
export interface AnyModel extends ModelTypes {}

export type IntentName<M extends ModelTypes> = keyof M["intents"] & string;

type SlotsOf<M extends ModelTypes, I extends string> = I extends keyof M["intents"]
  ? M["intents"][I]
  : never;

/** Slot names of intent I (of any of them when I is a union, e.g. in a launch handler). */
export type SlotName<M extends ModelTypes, I extends string> = I extends unknown
  ? keyof SlotsOf<M, I> & string
  : never;

export type SlotValue<M extends ModelTypes, I extends string, S extends string> = I extends unknown
  ? SlotsOf<M, I> extends Record<S, infer V extends string>
    ? V
    : never
  : never;
