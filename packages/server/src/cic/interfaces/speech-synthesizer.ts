// SpeechSynthesizer.Request (cic.md §9.9): the device asks for text to be spoken; the answer is
// a Speak with the synthesized audio (attachment), in the language asked for.
import type { Language } from "../../assistant/turn.js";
import { CicError } from "../exception.js";
import type { Reaction } from "./device-side.js";

const LANGUAGES = new Set(["en", "ja", "ko", "zh"]);
const MAX_TEXT = 2000;

export const speechSynthesizerReactions: Record<string, Reaction> = {
  "SpeechSynthesizer.Request": async (event) => {
    const { text, lang } = event.payload;
    if (typeof text !== "string" || text.trim() === "")
      throw new CicError(400, "event.payload.text must be the text to synthesize");
    if (text.length > MAX_TEXT)
      throw new CicError(400, `event.payload.text is longer than ${MAX_TEXT} characters`);
    if (typeof lang !== "string" || !LANGUAGES.has(lang))
      throw new CicError(
        400,
        `event.payload.lang must be one of "en", "ja", "ko", "zh", got ${JSON.stringify(lang)}`,
      );
    return event.answer({
      speech: [{ type: "PlainText", lang: lang as Language, value: text }],
      directives: [],
      expectSpeech: false,
    });
  },
};
