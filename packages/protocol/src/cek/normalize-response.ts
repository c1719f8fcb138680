// Receiving a response from an extension: accept every documented variant and return the
// canonical CekResponse (cek-custom-extension.md §4.2 receiving rules, §4.3, §12.2).
import type { ValidationResult } from "../core/codec.js";
import { prefixIssues, type ValidationIssue } from "../core/issues.js";
import { withChanges } from "./common.js";
import {
  type AcceptedDirective,
  type AcceptedDirectiveItem,
  CEK_KNOWN_DIRECTIVES,
  type CekDirective,
} from "./directive.js";
import {
  type AcceptedCekResponse,
  AcceptedCekResponseMessage,
  type CekResponse,
  CekResponseMessage,
} from "./response.js";
import type {
  AcceptedOutputSpeech,
  AcceptedSpeechInfoObject,
  OutputSpeech,
  SpeechInfoObject,
  SpeechLang,
  VerboseSpeech,
} from "./speech.js";

export interface NormalizeCekResponseOptions {
  /** Registered language, used for PlainText items whose `lang` is empty or unknown (§12.2). */
  readonly language?: "ja" | "ko" | "en";
  /** Version to fill in when the response has none (recommendation: the request's). */
  readonly version?: string;
  /** Makes messageIds for directives that have none; default `crypto.randomUUID()`. */
  readonly newMessageId?: () => string;
}

const LANGS: ReadonlySet<string> = new Set(["ja", "ko", "en"]);

function speechInfo(item: AcceptedSpeechInfoObject, fallback: SpeechLang): SpeechInfoObject {
  // A known language is kept. Otherwise URL items get "" (their lang is ignored, §4.4) and
  // PlainText items the registered language (§12.2).
  if (LANGS.has(item.lang ?? "")) return item as SpeechInfoObject;
  return { ...item, lang: item.type === "URL" ? "" : fallback };
}

/** Whether a PlainText item has an empty lang (the registered language would fill it). */
function lacksLanguage(response: CekResponse): boolean {
  return (
    speechLacksLanguage(response.response.outputSpeech) ||
    speechLacksLanguage(response.response.reprompt?.outputSpeech)
  );
}

function itemLacksLanguage(item: SpeechInfoObject): boolean {
  return item.type === "PlainText" && item.lang === "";
}

function speechLacksLanguage(s: OutputSpeech | undefined): boolean {
  if (!s || s.type === undefined) return false;
  if (s.type === "SpeechSet") return itemLacksLanguage(s.brief) || speechLacksLanguage(s.verbose);
  return Array.isArray(s.values) ? s.values.some(itemLacksLanguage) : itemLacksLanguage(s.values);
}

/**
 * A URL item becomes the `url` of a SpeechSynthesizer.Speak, which must be an http(s) URL of
 * at most 2,048 bytes (cic.md §9.9): anything else no device could play is an invalid answer.
 */
export const CEK_MAX_SPEECH_URL_BYTES = 2048;
const SPEAKABLE_URL = /^https?:\/\/[^\s/?#]+\S*$/i;

function speechUrlIssues(r: CekResponse["response"]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const check = (item: SpeechInfoObject, path: string) => {
    if (item.type !== "URL") return;
    const bytes = new TextEncoder().encode(item.value).length;
    if (SPEAKABLE_URL.test(item.value) && bytes <= CEK_MAX_SPEECH_URL_BYTES) return;
    const expected = `an http(s) URL of at most ${CEK_MAX_SPEECH_URL_BYTES} bytes`;
    const found = bytes > CEK_MAX_SPEECH_URL_BYTES ? `${bytes} bytes` : JSON.stringify(item.value);
    issues.push({ path, expected, found, message: `${path}: expected ${expected}, got ${found}` });
  };
  const walk = (s: OutputSpeech | undefined, path: string) => {
    if (!s || s.type === undefined) return;
    if (s.type === "SpeechSet") {
      check(s.brief, `${path}.brief`);
      walk(s.verbose, `${path}.verbose`);
    } else if (Array.isArray(s.values))
      for (const [i, v] of s.values.entries()) check(v, `${path}.values[${i}]`);
    else check(s.values, `${path}.values`);
  };
  walk(r.outputSpeech, "response.outputSpeech");
  walk(r.reprompt?.outputSpeech, "response.reprompt.outputSpeech");
  return issues;
}

function one<T>(values: T | T[]): T {
  return Array.isArray(values) ? values[0]! : values;
}
function many<T>(values: T | T[]): T[] {
  return Array.isArray(values) ? values : [values];
}

/** An accepted outputSpeech in its canonical form; `language` fills empty PlainText langs. */
export function normalizeOutputSpeech(
  speech: AcceptedOutputSpeech | undefined,
  language: SpeechLang = "",
): OutputSpeech {
  if (!speech || speech.type === undefined) return {};
  const item = (i: AcceptedSpeechInfoObject) => speechInfo(i, language);
  const verbose = (v: typeof speech & { type: "SimpleSpeech" | "SpeechList" }): VerboseSpeech =>
    v.type === "SimpleSpeech"
      ? { ...v, values: item(one(v.values)) }
      : { ...v, values: many(v.values).map(item) };
  switch (speech.type) {
    case "SimpleSpeech":
    case "SpeechList":
      return verbose(speech);
    case "SpeechSet":
      return { ...speech, brief: item(speech.brief), verbose: verbose(speech.verbose) };
  }
}

function directive(
  entry: AcceptedDirectiveItem,
  at: string,
  newMessageId: () => string,
  issues: ValidationIssue[],
): CekDirective {
  const wrapped = "directive" in entry;
  const d: AcceptedDirective = wrapped ? entry.directive : entry;
  const out: CekDirective = {
    ...d,
    header: { ...d.header, messageId: d.header.messageId || newMessageId() },
    payload: d.payload ?? {},
  };
  payloadIssues(out, wrapped ? `${at}.directive` : at, issues);
  return out;
}

/** Known directives get their payload checked; others pass (the dispatcher decides, §4.7). */
function payloadIssues(d: CekDirective, at: string, issues: ValidationIssue[]): void {
  const payload = CEK_KNOWN_DIRECTIVES.get(`${d.header.namespace}.${d.header.name}`);
  const checked = payload?.validate(d.payload);
  if (checked && !checked.ok) issues.push(...prefixIssues(checked.issues, `${at}.payload`));
}

/**
 * Checks a response from an extension and returns it in the canonical shape: correct
 * spelling of sessionAttributes, defaults for missing members, speech containers fixed,
 * directives unwrapped and given messageIds. Invalid responses get issues with JSON paths.
 */
export function normalizeCekResponse(
  raw: unknown,
  options: NormalizeCekResponseOptions = {},
): ValidationResult<CekResponse> {
  // Fast path: already canonical, and no empty lang to fill in: only payloads to check.
  if (
    CekResponseMessage.is(raw) &&
    !("sessionAttibutes" in raw) &&
    !(options.language && lacksLanguage(raw))
  ) {
    const issues = speechUrlIssues(raw.response);
    raw.response.directives.forEach((d, i) => {
      payloadIssues(d, `response.directives[${i}]`, issues);
    });
    return issues.length > 0 ? { ok: false, issues } : { ok: true, value: raw };
  }
  const checked = AcceptedCekResponseMessage.validate(raw);
  if (!checked.ok) return checked;
  const message: AcceptedCekResponse = checked.value;
  const r = message.response;
  const newMessageId = options.newMessageId ?? (() => globalThis.crypto.randomUUID());
  const issues: ValidationIssue[] = [];
  const directives = (r.directives ?? []).map((d, i) =>
    directive(d, `response.directives[${i}]`, newMessageId, issues),
  );
  if (issues.length > 0) return { ok: false, issues };
  const language = options.language ?? "";
  const speech = (s: AcceptedOutputSpeech | undefined) =>
    normalizeOutputSpeech(s ?? undefined, language);
  const { reprompt } = r;
  const value = withChanges(message, {
    version: message.version ?? options.version ?? "1.0",
    // Correct spelling wins when both are present (§12.2).
    sessionAttributes: message.sessionAttributes ?? message.sessionAttibutes ?? {},
    sessionAttibutes: undefined,
    response: withChanges(r, {
      outputSpeech: speech(r.outputSpeech),
      reprompt: reprompt
        ? withChanges(reprompt, { outputSpeech: speech(reprompt.outputSpeech) })
        : undefined,
      card: r.card ?? {},
      directives,
      // Missing shouldEndSession ends the session: safest for the user (§4.2, §13 #8).
      shouldEndSession: r.shouldEndSession ?? true,
    }),
  }) as CekResponse;
  const urls = speechUrlIssues(value.response);
  if (urls.length > 0) return { ok: false, issues: urls };
  return { ok: true, value };
}
