// "I need to get up at 5 am", 「6時に起きたい」, "내일 5시에 일어나야 해": a user who says when
// they must get up wants an alarm, though no word of theirs names one. The frame is read as
// the alarm request it stands for ("wake me up at 5 am") before the alerts model hears it, so
// the model's other sentences are not moved by phrases for it.
import type { Language } from "../../assistant/turn.js";

const FRAMES: Record<Language, [RegExp, string][]> = {
  en: [
    [
      /^(?:i(?:'ve| have)?\s+(?:really\s+)?(?:need|have|want|got|gotta|must|should)(?:\s+to)?\s+(?:get|wake|be)\s+up|make\s+sure\s+i'?m\s+up|i'?m\s+getting\s+up)(?:\s+(?:at|by))?\b/i,
      "wake me up at",
    ],
  ],
  ja: [
    [
      /に起き(?:なきゃ|なくちゃ|ないと(?:いけない|だめ)?|なければ(?:ならない|いけない)?|たい|る(?:予定|つもり)?|ます)(?:です|んだ|の|よ|ね)*[。!！]?$/u,
      "に起こして",
    ],
  ],
  ko: [
    [
      /에\s*일어나(?:야\s*(?:해|돼|되|하는데|돼요|해요|된다|한다|겠어)|고\s*싶어(?:요)?|려고\s*(?:해|하는데)|야지)[.!]?$/u,
      "에 깨워줘",
    ],
  ],
};

/** The alarm request a "when I must get up" sentence stands for; the text itself otherwise. */
export function asWakeUpRequest(text: string, language: Language): string {
  for (const [frame, request] of FRAMES[language])
    if (frame.test(text)) return text.replace(frame, request).replace(/\s+/g, " ").trim();
  return text;
}
