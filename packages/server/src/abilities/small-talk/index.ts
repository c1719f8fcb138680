// Small talk: a greeting, thanks, "how are you", "who are you" get a short answer in the
// device's language instead of "Sorry, I didn't catch that". Nothing is stored; open to guests.
import type { Language } from "../../assistant/turn.js";
import type { Ability, AbilityAnswer } from "../ability.js";
import type { Clock } from "../services.js";
import { wallTimeAt } from "../time/zone.js";
import { type SmallTalkIntent, smallTalkModels } from "./models.js";

type Part = "morning" | "afternoon" | "evening";

/** The part of the day on the device's wall clock (a greeting answers with its own). */
function partOfDay(now: number, timeZone: string): Part {
  const { hour } = wallTimeAt(now, timeZone);
  return hour >= 4 && hour < 12 ? "morning" : hour >= 12 && hour < 18 ? "afternoon" : "evening";
}

const HELLO: Record<Language, Record<Part, string>> = {
  en: {
    morning: "Good morning!",
    afternoon: "Good afternoon!",
    evening: "Good evening!",
  },
  ja: {
    morning: "おはようございます。",
    afternoon: "こんにちは。",
    evening: "こんばんは。",
  },
  ko: {
    morning: "좋은 아침이에요.",
    afternoon: "안녕하세요.",
    evening: "안녕하세요.",
  },
};

const SAY: Record<Exclude<SmallTalkIntent, "HelloIntent">, Record<Language, string>> = {
  GoodNightIntent: {
    en: "Good night. Sleep well.",
    ja: "おやすみなさい。ゆっくり休んでくださいね。",
    ko: "안녕히 주무세요. 좋은 꿈 꾸세요.",
  },
  ThanksIntent: { en: "You're welcome.", ja: "どういたしまして。", ko: "천만에요." },
  HowAreYouIntent: {
    en: "I'm doing well, thanks for asking.",
    ja: "元気です。聞いてくれてありがとうございます。",
    ko: "잘 지내요. 물어봐 줘서 고마워요.",
  },
  WhoAreYouIntent: {
    en: 'I\'m Clover, your voice assistant. Say "help" to hear what I can do.',
    ja: "Cloverです。あなたの音声アシスタントです。「ヘルプ」と言うと、できることをご案内します。",
    ko: 'Clover예요. 음성 비서예요. "도움말"이라고 말하면 할 수 있는 일을 알려 드릴게요.',
  },
};

export function smallTalkAbility(clock: Clock): Ability {
  return {
    id: "ability:small-talk",
    lastResort: true,
    models: smallTalkModels,
    async handle(turn): Promise<AbilityAnswer | undefined> {
      const { language, timeZone } = turn.device;
      const intent = turn.recognition.intent as SmallTalkIntent | null;
      if (intent === null || !(intent === "HelloIntent" || intent in SAY)) return undefined;
      const text =
        intent === "HelloIntent"
          ? HELLO[language][partOfDay(clock.now(), timeZone ?? "UTC")]
          : SAY[intent][language];
      return { speech: [{ type: "PlainText", lang: language, value: text }] };
    },
  };
}

/** Everything small talk may say in a language (what a test tells its answers by). */
export function smallTalkAnswers(language: Language): string[] {
  return [...Object.values(HELLO[language]), ...Object.values(SAY).map((say) => say[language])];
}
