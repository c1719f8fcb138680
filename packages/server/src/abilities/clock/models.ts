// What users say to ask the time and the date, in en/ja/ko. `<city>` is a place from
// cities.ts (its value is the place's IANA zone); `<day>` is any date CLOVA.DATETIME reads
// ("tomorrow", "December 25", 「明日」, "내일").
import type { Language } from "../../assistant/turn.js";
import type { AbilityModel } from "../ability.js";
import { CITIES } from "./cities.js";

type Phrases = Record<"TimeIntent" | "DateIntent" | "DaysUntilIntent", string[]>;

const PHRASES: Record<Language, Phrases> = {
  en: {
    TimeIntent: [
      "what time is it",
      "what time is it now",
      "what's the time",
      "what is the time",
      "what's the time now",
      "tell me the time",
      "do you know what time it is",
      "what's the current time",
      "current time",
      "time please",
      "what time is it in <city>Tokyo</city>",
      "what's the time in <city>London</city>",
      "tell me the time in <city>New York</city>",
      "what time is it now in <city>Paris</city>",
      "what's the current time in <city>Seoul</city>",
    ],
    DateIntent: [
      "what's the date",
      "what's the date today",
      "what is today's date",
      "today's date",
      "what's today",
      "what day is it",
      "what day is it today",
      "what day of the week is it",
      "what day of the week is it today",
      "tell me the date",
      "what's the date <day>tomorrow</day>",
      "what day is <day>tomorrow</day>",
      "what day of the week is <day>December 25</day>",
      "what day is <day>Christmas</day> this year",
      "what's the date <day>next Friday</day>",
    ],
    DaysUntilIntent: [
      "how many days until <day>Christmas</day>",
      "how many days are left until <day>Christmas</day>",
      "how many more days until <day>New Year's Day</day>",
      "how many days until <day>Friday</day>",
      "how many days to <day>December 25</day>",
      "how long until <day>Christmas</day>",
      "days until <day>Halloween</day>",
      "how many days is it until <day>Valentine's Day</day>",
      "how many days left until <day>next Monday</day>",
      "count the days until <day>December 31</day>",
    ],
  },
  ja: {
    TimeIntent: [
      "今何時",
      "今何時ですか",
      "何時ですか",
      "今何時か教えて",
      "時間を教えて",
      "今の時間は",
      "今の時刻は",
      "現在時刻",
      "<city>東京</city>は今何時",
      "<city>ロンドン</city>の時間は",
      "<city>ニューヨーク</city>は何時ですか",
      "<city>パリ</city>の今の時刻を教えて",
    ],
    DateIntent: [
      "今日は何日",
      "今日は何日ですか",
      "今日の日付は",
      "今日の日付を教えて",
      "日付を教えて",
      "今日は何曜日",
      "今日は何曜日ですか",
      "何曜日",
      "<day>明日</day>は何日",
      "<day>明日</day>は何曜日",
      "<day>12月25日</day>は何曜日ですか",
    ],
    DaysUntilIntent: [
      "<day>クリスマス</day>まであと何日",
      "<day>クリスマス</day>まで何日",
      "<day>クリスマス</day>まであと何日ある",
      "<day>金曜日</day>まであと何日",
      "<day>大晦日</day>まで何日ある",
    ],
  },
  ko: {
    TimeIntent: [
      "지금 몇 시야",
      "지금 몇 시예요",
      "몇 시야",
      "몇 시예요",
      "시간 알려 줘",
      "지금 시간 알려 줘",
      "현재 시각",
      "현재 시간 알려 줘",
      "<city>도쿄</city>는 지금 몇 시야",
      "<city>런던</city> 시간 알려 줘",
      "<city>뉴욕</city>은 몇 시예요",
      "<city>파리</city> 지금 몇 시야",
    ],
    DateIntent: [
      "오늘 며칠이야",
      "오늘 며칠이에요",
      "오늘 날짜 알려 줘",
      "오늘 날짜가 뭐야",
      "날짜 알려 줘",
      "오늘 무슨 요일이야",
      "오늘 무슨 요일이에요",
      "무슨 요일이야",
      "<day>내일</day>은 며칠이야",
      "<day>내일</day> 무슨 요일이야",
      "<day>12월 25일</day>은 무슨 요일이야",
    ],
    DaysUntilIntent: [
      "<day>크리스마스</day>까지 며칠 남았어",
      "<day>크리스마스</day>까지 며칠이야",
      "<day>크리스마스</day>까지 며칠",
      "<day>12월 25일</day>까지 며칠 남았어",
      "<day>금요일</day>까지 며칠 남았어",
      "<day>다음 주 월요일</day>까지 며칠 남았어",
    ],
  },
};

/**
 * How a question may end in casual speech: ja with a sentence-final particle (「何時かな」,
 * 「何日なの」) and 今 written in kana (「いま何時」); ko without its copula or with another
 * ending ("몇 시", "몇 시지", "며칠이지"), or asked indirectly ("몇 시인지 알려 줘"). Each
 * written question also stands in these forms.
 */
const ENDINGS: Partial<Record<Language, (phrase: string) => string[]>> = {
  ja: (phrase) => {
    const spelled = phrase.includes("今") ? [phrase.replace("今", "いま")] : [];
    const asked = /(?:何時|何日|何曜日)$/.test(phrase)
      ? ["かな", "なの", "でしょう"].flatMap((end) => [phrase, ...spelled].map((p) => p + end))
      : [];
    return [...spelled, ...asked];
  },
  ko: (phrase) => {
    const copula = /(이야|야)$/.exec(phrase);
    if (!copula) return [];
    const stem = phrase.slice(0, -copula[0].length);
    return [
      stem,
      `${stem}${copula[1] === "이야" ? "이지" : "지"}`,
      `${stem}${copula[1] === "이야" ? "이냐" : "냐"}`,
      `${stem}인지 알려 줘`,
    ];
  },
};

/** Every intent's utterances of one language (with their slot tags). */
export function phrasesOf(language: Language): Phrases {
  const more = ENDINGS[language];
  if (!more) return PHRASES[language];
  const grown = (phrases: string[]) => [...new Set(phrases.flatMap((p) => [p, ...more(p)]))];
  return {
    TimeIntent: grown(PHRASES[language].TimeIntent),
    DateIntent: grown(PHRASES[language].DateIntent),
    DaysUntilIntent: grown(PHRASES[language].DaysUntilIntent),
  };
}

export const clockModels: Partial<Record<Language, AbilityModel>> = Object.fromEntries(
  (Object.keys(PHRASES) as Language[]).map((language) => [
    language,
    {
      language,
      builtinSlotTypes: ["CLOVA.DATETIME"],
      customSlotTypes: [
        {
          name: "CITY",
          values: CITIES.map((c) => ({ value: c.zone, synonyms: c.names[language] })),
        },
      ],
      intents: [
        {
          name: "TimeIntent",
          slots: [{ name: "city", type: "CITY" }],
          utterances: phrasesOf(language).TimeIntent,
        },
        {
          name: "DateIntent",
          slots: [{ name: "day", type: "CLOVA.DATETIME" }],
          utterances: phrasesOf(language).DateIntent,
        },
        {
          name: "DaysUntilIntent",
          slots: [{ name: "day", type: "CLOVA.DATETIME" }],
          utterances: phrasesOf(language).DaysUntilIntent,
        },
      ],
    },
  ]),
);
