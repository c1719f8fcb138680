// What people say to a speaker that is not a request: greetings, thanks, "how are you", "who
// are you" (en/ja/ko). Written apart from every other ability's words, so a question that only
// shares a greeting's filler words is not taken for one (docs/nlu.md "Out of domain").
import type { Language } from "../../assistant/turn.js";
import type { AbilityModel } from "../ability.js";

export type SmallTalkIntent =
  | "HelloIntent"
  | "GoodNightIntent"
  | "ThanksIntent"
  | "HowAreYouIntent"
  | "WhoAreYouIntent";

export const PHRASES: Record<Language, Record<SmallTalkIntent, string[]>> = {
  en: {
    HelloIntent: [
      "hello",
      "hi",
      "hi there",
      "hey there",
      "hello there",
      "good morning",
      "good afternoon",
      "good evening",
      "hello clover",
      "hi clover",
      "morning",
    ],
    GoodNightIntent: ["good night", "goodnight", "night night", "i'm going to bed"],
    ThanksIntent: [
      "thank you",
      "thanks",
      "thank you very much",
      "thanks a lot",
      "thank you so much",
      "cheers",
      "that's great thanks",
    ],
    HowAreYouIntent: [
      "how are you",
      "how are you doing",
      "how's it going",
      "how are you today",
      "are you doing well",
      "what's up",
      "what's new",
      "how are things",
      "how's everything",
      "how's your day going",
      "how have you been doing",
      "how are you feeling",
    ],
    WhoAreYouIntent: [
      "who are you",
      "what's your name",
      "what is your name",
      "what are you",
      "introduce yourself",
      "who made you",
    ],
  },
  ja: {
    HelloIntent: ["こんにちは", "おはよう", "おはようございます", "こんばんは", "やあ", "ハロー"],
    GoodNightIntent: ["おやすみ", "おやすみなさい", "もう寝るね"],
    ThanksIntent: [
      "ありがとう",
      "ありがとうございます",
      "どうもありがとう",
      "サンキュー",
      "助かったよ",
      "ありがとね",
    ],
    HowAreYouIntent: [
      "元気",
      "元気ですか",
      "お元気ですか",
      "調子はどう",
      "元気にしてる",
      "調子どう",
      "最近どうしてる",
      "変わりない",
      "元気してた",
      "どうしてた",
    ],
    WhoAreYouIntent: [
      "あなたは誰",
      "あなたの名前は",
      "君の名前は",
      "名前を教えて",
      "自己紹介して",
      "誰が作ったの",
    ],
  },
  ko: {
    HelloIntent: ["안녕", "안녕하세요", "좋은 아침", "좋은 아침이에요", "반가워", "반가워요"],
    GoodNightIntent: ["잘 자", "잘 자요", "안녕히 주무세요", "이제 잘게"],
    ThanksIntent: ["고마워", "고마워요", "감사합니다", "감사해요", "땡큐", "정말 고마워"],
    HowAreYouIntent: [
      "잘 지내",
      "잘 지냈어",
      "기분 어때",
      "어떻게 지내",
      "잘 지내요",
      "요즘 어떻게 지내",
      "별일 없지",
      "어떻게 지냈어",
      "무슨 일 있어",
    ],
    WhoAreYouIntent: [
      "너는 누구야",
      "넌 누구니",
      "이름이 뭐야",
      "네 이름이 뭐야",
      "자기소개 해 줘",
      "누가 너를 만들었어",
    ],
  },
};

export const smallTalkModels: Partial<Record<Language, AbilityModel>> = Object.fromEntries(
  (Object.keys(PHRASES) as Language[]).map((language) => [
    language,
    {
      language,
      intents: Object.entries(PHRASES[language]).map(([name, utterances]) => ({
        name,
        slots: [],
        utterances,
      })),
    },
  ]),
);
