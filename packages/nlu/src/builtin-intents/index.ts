// Built-in intents (interaction-model.md §3.2) and session-ending phrases (§3.4).
import type { ModelLanguage as Language } from "@clover/protocol";

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

export function builtinIntentPhrases(
  _language: Language,
): Readonly<Record<string, readonly string[]>> {
  return {};
}

export function isExitPhrase(text: string, _language: Language): boolean {
  return ["stop", "exit", "quit", "終了して", "やめて", "그만"].includes(text.trim().toLowerCase());
}
