// Model limits (interaction-model.md §12). The sources state some; for the UNSPECIFIED ones we
// use the spec's recommended numbers.

export const LIMITS = {
  /** Representative words + synonyms per custom slot type (stated; also per TSV upload). */
  slotTypeItems: 200_000,
  /** Characters of an invocation name (UNSPECIFIED → our choice). */
  invocationNameLength: 40,
  /** Utterance examples per intent (stated). */
  utterancesPerIntent: 2_000,
  /** Sub invocation names (stated). */
  subInvocationNames: 4,
  /** Custom intents per model (UNSPECIFIED → recommended). */
  intents: 250,
  /** Slots per intent (UNSPECIFIED → recommended). */
  slotsPerIntent: 20,
  /** Custom slot types per model (UNSPECIFIED → recommended). */
  customSlotTypes: 100,
  /** Intent, slot and slot type names (UNSPECIFIED → recommended). */
  nameLength: 64,
  /** Characters of an utterance example, tags not counted (UNSPECIFIED → recommended). */
  utteranceLength: 200,
  /** Guideline minimums (§7.2): below them validation warns. */
  recommendedUtterancesWithSlots: 30,
  recommendedUtterancesSimple: 10,
} as const;

/** Identifier rule for intent, slot and custom slot type names (§2). */
export const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;
