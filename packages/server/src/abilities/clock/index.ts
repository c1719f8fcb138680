// The time and the date, asked by voice: "what time is it", "what's the time in London",
// "what day is it tomorrow", "how many days until Christmas". Answered in the device's time
// zone (cic/interfaces/time-zone.ts: its settings, the account's profile, its clock's offset,
// CLOVER_DEFAULT_TIME_ZONE, the language's).
import type { DeviceInfo, Language } from "../../assistant/turn.js";
import type { Ability, AbilityAnswer, AbilityTurn } from "../ability.js";
import { withParticle } from "../korean.js";
import type { Clock } from "../services.js";
import { localDate, shiftDate } from "../time/date.js";
import { spokenDate, spokenTime } from "../time/words.js";
import { cityOf } from "./cities.js";
import { clockModels } from "./models.js";

const zoneOf = (device: DeviceInfo) => device.timeZone ?? "UTC";

/**
 * Words without which a question is not about the time or the date: "who is the president of
 * france" and 「今日のニュースは」 share filler words with "what is the date" but ask about
 * something else, and go on to the other abilities (or the fallback).
 */
const CUES: Record<string, Record<Language, RegExp>> = {
  TimeIntent: {
    en: /\b(time|o'?clock|hour)\b/i,
    ja: /何時|時間|時刻|なんじ/,
    ko: /몇 ?시|시간|시각/,
  },
  DateIntent: {
    en: /\b(date|day|weekday)\b|\bwhat(?:'s| is) today\b/i,
    ja: /何日|何曜|曜日|日付|日にち|何月|なんにち/,
    ko: /며칠|요일|날짜|몇 ?월/,
  },
  // A count of days names what it counts to ("how are you doing today" is not one).
  DaysUntilIntent: {
    en: /\b(?:until|till|til|to|before)\b/i,
    ja: /まで/,
    ko: /까지/,
  },
};

function timeAnswer(turn: AbilityTurn, now: number): string | undefined {
  const language = turn.device.language;
  const here = zoneOf(turn.device);
  const city = turn.recognition.slots["city"];
  if (!city) {
    const time = spokenTime(now, here, language);
    return {
      en: `It's ${time}.`,
      ja: `今は${time}です。`,
      ko: `지금은 ${withParticle(time, "이에요", "예요")}.`,
    }[language];
  }
  const place = cityOf(city.value);
  if (!place) return undefined;
  const name = city.raw || place.names[language][0]!;
  const time = spokenTime(now, place.zone, language);
  const day = dayThere(localDate(now, place.zone), localDate(now, here), language);
  if (language === "en") return `In ${name} it's ${time}${day ? ` ${day}` : ""}.`;
  if (language === "ja") return `${name}は${day ?? ""}${time}です。`;
  return `${withParticle(name, "은", "는")} ${day ? `${day} ` : ""}${withParticle(time, "이에요", "예요")}.`;
}

/** The other place's day when it is not the asker's ("tomorrow", 「前日の」…). */
function dayThere(there: string, here: string, language: Language): string | undefined {
  if (there === here) return undefined;
  const ahead = there > here;
  if (language === "en") return ahead ? "tomorrow" : "yesterday";
  if (language === "ja") return ahead ? "翌日の" : "前日の";
  return ahead ? "다음 날" : "전날";
}

function dateAnswer(turn: AbilityTurn, now: number): string | undefined {
  const language = turn.device.language;
  const today = localDate(now, zoneOf(turn.device));
  const slot = turn.recognition.slots["day"];
  // A period ("next week") or a time has no one date to name: not this ability's question.
  if (slot && !/^\d{4}-\d{2}-\d{2}$/.test(slot.value)) return undefined;
  const date = slot?.value ?? today;
  const thisYear = date.slice(0, 4) === today.slice(0, 4);
  const said = spokenDate(date, language, !thisYear);
  const which =
    date === today
      ? { en: "Today", ja: "今日", ko: "오늘" }[language]
      : date === shiftDate(today, 1)
        ? { en: "Tomorrow", ja: "明日", ko: "내일" }[language]
        : date === shiftDate(today, -1)
          ? { en: "Yesterday", ja: "昨日", ko: "어제" }[language]
          : undefined;
  if (language === "en") return `${which ?? "That"} ${date < today ? "was" : "is"} ${said}.`;
  if (language === "ja") return `${which ? `${which}は` : ""}${said}です。`;
  return `${which ? `${withParticle(which, "은", "는")} ` : ""}${withParticle(said, "이에요", "예요")}.`;
}

/** "How many days until Christmas": the days from today to that date, and the date. */
function daysUntilAnswer(turn: AbilityTurn, now: number): string | undefined {
  const language = turn.device.language;
  const today = localDate(now, zoneOf(turn.device));
  const date = turn.recognition.slots["day"]?.value;
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const days = Math.round((Date.parse(date) - Date.parse(today)) / 86_400_000);
  const said = spokenDate(date, language, date.slice(0, 4) !== today.slice(0, 4));
  if (language === "en") {
    if (days === 0) return `That's today, ${said}.`;
    if (days < 0) return `That was ${-days} ${-days === 1 ? "day" : "days"} ago, ${said}.`;
    return days === 1 ? `That's tomorrow, ${said}.` : `That's in ${days} days, on ${said}.`;
  }
  if (language === "ja") {
    if (days === 0) return `${said}は今日です。`;
    return days < 0 ? `${said}は${-days}日前でした。` : `${said}まであと${days}日です。`;
  }
  if (days === 0) return `${withParticle(said, "은", "는")} 오늘이에요.`;
  return days < 0
    ? `${withParticle(said, "은", "는")} ${-days}일 전이었어요.`
    : `${said}까지 ${days}일 남았어요.`;
}

const ANSWERS: Record<string, (turn: AbilityTurn, now: number) => string | undefined> = {
  TimeIntent: timeAnswer,
  DateIntent: dateAnswer,
  DaysUntilIntent: daysUntilAnswer,
};

export function clockAbility(clock: Clock): Ability {
  return {
    id: "ability:clock",
    models: clockModels,
    async handle(turn): Promise<AbilityAnswer | undefined> {
      const intent = turn.recognition.intent ?? "";
      const answer = ANSWERS[intent];
      if (!answer || !CUES[intent]?.[turn.device.language].test(turn.text)) return undefined;
      const text = answer(turn, clock.now());
      if (text === undefined) return undefined;
      return { speech: [{ type: "PlainText", lang: turn.device.language, value: text }] };
    },
  };
}
