// Courtesy around a request ("could you … for me", "please", 「…してくれる？」, "좀") says
// nothing about what is asked, but a model that never saw those words trusts the request
// less. The router also recognizes the request without them and keeps the surer reading.
import type { Language } from "../assistant/turn.js";

const WRAPPERS: Record<Language, [RegExp, string][]> = {
  en: [
    [/^(?:hey|ok|okay|so|um|uh|oh)\b[,\s]*/i, ""],
    [/^(?:please\s+)?(?:could|can|would|will)\s+you\s+(?:please\s+)?/i, ""],
    [/^(?:i'd like you to|i want you to|i need you to|go ahead and)\s+/i, ""],
    [/^please\s+/i, ""],
    [/[,\s]+(?:for me|now|please|thanks|thank you)[?.!\s]*$/i, ""],
  ],
  ja: [
    [/て(?:くれる|くれない|くれますか|もらえる|もらえますか|ほしい|欲しい)(?:かな)?[?？]?$/, "て"],
    [/(?:を)?お願い(?:します|ね)?[。!！]?$/, ""],
  ],
  ko: [
    [/(?:^|\s)좀(?=\s)/g, ""],
    [/(?:^|\s)(?:조금만|조금)(?=\s)/g, ""],
    [/\s*(?:부탁해요|부탁해|부탁합니다|부탁드려요|부탁드립니다)[.!?]?$/, ""],
  ],
};

/** The request without its courtesy; the text itself when there is none. */
export function withoutCourtesy(text: string, language: Language): string {
  let request = text.trim();
  for (const [wrapper, replacement] of WRAPPERS[language])
    request = request.replace(wrapper, replacement).trim();
  return request === "" ? text : request;
}
