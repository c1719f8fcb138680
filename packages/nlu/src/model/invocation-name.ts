// Invocation name review rules that a machine can check (interaction-model.md §9.1, §9.2).
import type { InteractionModel, ModelLanguage as Language } from "@clover/protocol";
import { EXIT_PHRASES } from "../builtin-intents/exit.js";
import { builtinIntentPhrases } from "../builtin-intents/index.js";
import { LAUNCH_VERBS, WAKE_WORDS } from "../invocation/patterns.js";
import type { ModelIssue } from "./issues.js";
import { LIMITS } from "./limits.js";
import { compareKey, sentenceKey } from "./normalize.js";

// Launch/exit verbs and the purpose connector must not be part of a name (§9.2 rule 3).
const RESERVED_PARTS: Readonly<Record<Language, readonly string[]>> = {
  en: [],
  ja: [
    "起動",
    "開いて",
    "ひらいて",
    "終了",
    "を使って",
    "をつかって",
    "につないで",
    "に繋いで",
    "を開けて",
  ],
  ko: ["시작해", "열어줘", "열어 줘", "실행해", "종료", "동작해", "을 통해", "를 통해"],
};
const EN_LEADING = [...LAUNCH_VERBS.en, "ask", "tell", "stop", "exit", "quit"];
const SPEAKABLE = /^[\p{L}\p{M}\p{N} '’.&・ー-]+$/u;

/** The phrase keys a name must not equal: built-in intent and exit phrases of the language. */
function platformPhrases(language: Language): Map<string, string> {
  const out = new Map<string, string>();
  for (const [intent, phrases] of Object.entries(builtinIntentPhrases(language)))
    if (intent !== "Clova.FallbackIntent") for (const p of phrases) out.set(compareKey(p), intent);
  for (const p of EXIT_PHRASES[language]) out.set(compareKey(p), "the exit phrases");
  return out;
}

function checkName(name: string, language: Language, path: string, issues: ModelIssue[]): void {
  const error = (message: string) => {
    issues.push({ severity: "error", message, path });
  };
  const trimmed = name.trim();
  const q = JSON.stringify(name);
  if (sentenceKey(trimmed).length < 2) {
    error(`invocation name ${q} is too short (at least 2 characters)`);
    return;
  }
  if (trimmed.length > LIMITS.invocationNameLength)
    error(`invocation name ${q} is longer than ${LIMITS.invocationNameLength} characters`);
  if (!SPEAKABLE.test(trimmed) || !/\p{L}/u.test(trimmed))
    error(`invocation name ${q} must be letters, digits and spaces (plus ' . - & ・ ー)`);
  const lower = trimmed.normalize("NFKC").toLowerCase();
  const key = compareKey(trimmed);
  const wake = Object.values(WAKE_WORDS)
    .flat()
    .find((w) =>
      /^[a-z]+$/.test(w) ? new RegExp(`\\b${w}\\b`).test(lower) : key.includes(compareKey(w)),
    );
  if (wake) error(`invocation name ${q} contains the wake word ${JSON.stringify(wake)}`);
  const part = RESERVED_PARTS[language].find((p) => key.includes(compareKey(p)));
  if (part) error(`invocation name ${q} contains ${JSON.stringify(part)}, a launch/exit phrase`);
  if (language === "en") {
    const verb = EN_LEADING.find((v) => lower === v || lower.startsWith(`${v} `));
    if (verb) error(`invocation name ${q} starts with ${JSON.stringify(verb)}, a launch/exit word`);
  }
  const clash = platformPhrases(language).get(key);
  if (clash) error(`invocation name ${q} is a phrase the platform reserves for ${clash}`);
}

/** Checks `invocation.main` and `invocation.sub` (§9.2; at most 4 sub names, §12). */
export function checkInvocation(model: InteractionModel, issues: ModelIssue[]): void {
  const inv = model.invocation;
  // a bad language or main name is reported by the schema check
  if (typeof inv?.main !== "string" || !["en", "ja", "ko"].includes(model.language)) return;
  checkName(inv.main, model.language, "invocation.main", issues);
  const subs = Array.isArray(inv.sub) ? inv.sub : [];
  if (subs.length > LIMITS.subInvocationNames)
    issues.push({
      severity: "error",
      message: `${subs.length} sub invocation names; at most ${LIMITS.subInvocationNames} are allowed`,
      path: "invocation.sub",
    });
  const seen = new Map<string, string>([[compareKey(inv.main), "invocation.main"]]);
  subs.forEach((sub, i) => {
    if (typeof sub !== "string") return;
    const path = `invocation.sub[${i}]`;
    const before = seen.get(compareKey(sub));
    if (before)
      issues.push({
        severity: "warning",
        message: `sub name ${JSON.stringify(sub)} is the same name as ${before} (after case, width, kana and spacing folding)`,
        path,
      });
    else seen.set(compareKey(sub), path);
    checkName(sub, model.language, path, issues);
  });
}
