// Built-in intents (interaction-model.md §3.2): the platform owns their language data (§3.3).
import type { ModelLanguage as Language } from "@clover/protocol";
import { en } from "./en.js";
import { ja } from "./ja.js";
import { ko } from "./ko.js";

export { EXIT_PHRASES, isExitPhrase } from "./exit.js";

/** Every built-in intent of §3.2 (Clova.StopIntent is historical and never emitted, §3.2). */
export const BUILTIN_INTENT_NAMES: readonly string[] = [
  "Clova.CancelIntent",
  "Clova.FallbackIntent",
  "Clova.GuideIntent",
  "Clova.NextIntent",
  "Clova.PauseIntent",
  "Clova.PreviousIntent",
  "Clova.ResumeIntent",
  "Clova.YesIntent",
  "Clova.NoIntent",
];

/** Selected by default in a new model (§3.3); GuideIntent is mandatory. */
export const DEFAULT_BUILTIN_INTENTS: readonly string[] = [
  "Clova.GuideIntent",
  "Clova.CancelIntent",
  "Clova.YesIntent",
  "Clova.NoIntent",
];

/** Delivered to extensions that play audio (§3.3, CEK §5.8). */
export const PLAYBACK_INTENTS: readonly string[] = [
  "Clova.NextIntent",
  "Clova.PauseIntent",
  "Clova.PreviousIntent",
  "Clova.ResumeIntent",
];

const PHRASES = { en, ja, ko } as const;

/** Sample phrasings per built-in intent; FallbackIntent's are out-of-domain requests. */
export function builtinIntentPhrases(
  language: Language,
): Readonly<Record<string, readonly string[]>> {
  return PHRASES[language];
}
