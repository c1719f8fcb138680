// From a response's outputSpeech to what the device plays (cek-custom-extension.md §4.3).
import type { OutputSpeech, SpeechInfoObject } from "@clover/protocol";
import type { DisplaySize, Language, SpeechItem } from "./turn.js";

function item(info: SpeechInfoObject, fallback: Language): SpeechItem {
  if (info.type === "URL") return { type: "URL", lang: "", value: info.value };
  return { type: "PlainText", lang: info.lang === "" ? fallback : info.lang, value: info.value };
}

function items(values: SpeechInfoObject | SpeechInfoObject[], fallback: Language): SpeechItem[] {
  return Array.isArray(values) ? values.map((v) => item(v, fallback)) : [item(values, fallback)];
}

/** SpeechSet: screenless devices play `verbose`, devices with a screen `brief` (§4.3, §13 #9). */
export function speechItems(
  speech: OutputSpeech | undefined,
  display: DisplaySize,
  language: Language,
): SpeechItem[] {
  if (!speech || !("type" in speech) || speech.type === undefined) return [];
  switch (speech.type) {
    case "SimpleSpeech":
    case "SpeechList":
      return items(speech.values, language);
    case "SpeechSet":
      return display === "none"
        ? items(speech.verbose.values, language)
        : [item(speech.brief, language)];
    default:
      return [];
  }
}

export function say(text: string, language: Language): SpeechItem[] {
  return [{ type: "PlainText", lang: language, value: text }];
}
