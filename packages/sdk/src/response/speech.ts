// SpeechInfoObject helpers (cek-custom-extension.md §4.3, §4.4).
import type {
  OutputSpeech,
  SpeechInfoObject,
  SpeechLang,
  VerboseSpeech,
} from "../message/types.js";

export type Language = "ja" | "ko" | "en";
/** A plain string is text in the response language; objects are passed through. */
export type SpeechInput = string | SpeechInfoObject;

export const speech = {
  /** Text for the platform's TTS. */
  text(value: string, lang: SpeechLang): SpeechInfoObject {
    return { type: "PlainText", lang, value };
  },
  /** An MP3 (HTTPS) to play; `lang` is always "" for URL items (§4.4). */
  url(value: string): SpeechInfoObject {
    return { type: "URL", lang: "", value };
  },
};

export function toSpeechInfo(input: SpeechInput, lang: Language): SpeechInfoObject {
  return typeof input === "string" ? speech.text(input, lang) : input;
}

/** One item → SimpleSpeech, several → SpeechList, none → `{}` (say nothing). */
export function outputSpeechOf(items: readonly SpeechInfoObject[]): OutputSpeech {
  if (items.length === 0) return {};
  if (items.length === 1) return { type: "SimpleSpeech", values: items[0]! };
  return { type: "SpeechList", values: [...items] };
}

export function verboseOf(items: readonly SpeechInfoObject[]): VerboseSpeech {
  if (items.length === 1) return { type: "SimpleSpeech", values: items[0]! };
  return { type: "SpeechList", values: [...items] };
}
