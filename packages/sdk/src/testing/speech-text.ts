// Plain text of an outputSpeech, for assertions (cek-custom-extension.md §4.3).
import type { OutputSpeech, SpeechInfoObject } from "../message/types.js";

const textOf = (items: readonly SpeechInfoObject[]) =>
  items
    .filter((i) => i.type === "PlainText")
    .map((i) => i.value)
    .join(" ");

export function speechTextOf(speech: OutputSpeech | undefined): string {
  if (!speech || !("type" in speech)) return "";
  switch (speech.type) {
    case "SimpleSpeech":
      return textOf([speech.values]);
    case "SpeechList":
      return textOf(speech.values);
    case "SpeechSet":
      return speechTextOf(speech.verbose);
    default:
      return "";
  }
}
