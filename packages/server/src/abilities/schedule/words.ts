// How the schedule speaks in each language: times and days in the language's habits
// ("3:30 PM", 午後3時30分, 오후 3시 30분), answers grouped by day.
import type { Language } from "../../assistant/turn.js";
import { localDate, shiftDate } from "../time/date.js";
import { LOCALES, spokenDate, spokenTime } from "../time/words.js";
import type { Occurrence } from "./ical.js";

/** A spoken answer names this many events at most ("and 12 more"); the card lists them all. */
const MAX_SPOKEN = 10;

/** "today", "tomorrow", "Friday, December 11" (and the same in ja/ko). */
export function spokenDay(date: string, today: string, language: Language): string {
  if (date === today) return { en: "today", ja: "今日", ko: "오늘" }[language];
  if (date === shiftDate(today, 1)) return { en: "tomorrow", ja: "明日", ko: "내일" }[language];
  return spokenDate(date, language);
}

/** The day an answer is about, as a sentence opener ("On Friday, December 11"). */
function onDay(day: string, language: Language): string {
  if (language !== "en") return day;
  return day === "today" || day === "tomorrow" ? cap(day) : `On ${day}`;
}

export function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function title(o: Occurrence, language: Language): string {
  return o.summary || { en: "an untitled event", ja: "無題の予定", ko: "제목 없는 일정" }[language];
}

/** One event within a day: "at 10 AM, team meeting" / 午前10時からチーム会議 / 오전 10시 팀 회의. */
export function spokenEvent(o: Occurrence, timeZone: string, language: Language): string {
  const name = title(o, language);
  if (o.allDay) return { en: `${name}, all day`, ja: `終日${name}`, ko: `종일 ${name}` }[language];
  const time = spokenTime(o.start, timeZone, language);
  return { en: `at ${time}, ${name}`, ja: `${time}から${name}`, ko: `${time} ${name}` }[language];
}

/** An event with its day: "the dentist on Friday, December 11 at 3 PM". */
export function spokenWhen(
  o: Occurrence,
  timeZone: string,
  language: Language,
  now: number,
): string {
  const day = spokenDay(localDate(o.start, timeZone), localDate(now, timeZone), language);
  if (o.allDay) return { en: day, ja: `${day}終日`, ko: `${day} 종일` }[language];
  const time = spokenTime(o.start, timeZone, language);
  return { en: `${day} at ${time}`, ja: `${day}の${time}`, ko: `${day} ${time}` }[language];
}

export function named(o: Occurrence, language: Language): string {
  return quoted(title(o, language), language);
}

/** An event's name as said in a sentence (quoted in ja/ko). */
export function quoted(name: string, language: Language): string {
  return { en: name, ja: `「${name}」`, ko: `'${name}'` }[language];
}

/** The whole answer to "what's on my schedule …": grouped by day, in order. */
export function spokenAgenda(
  occurrences: readonly Occurrence[],
  range: { label: string; days: number },
  timeZone: string,
  language: Language,
  now: number,
): string {
  if (occurrences.length === 0)
    return {
      en: `You have nothing on your schedule ${range.label}.`,
      ja: `${range.label}の予定はありません。`,
      ko: `${range.label} 일정은 없습니다.`,
    }[language];
  const today = localDate(now, timeZone);
  const told = occurrences.slice(0, MAX_SPOKEN);
  const byDay = new Map<string, Occurrence[]>();
  for (const o of told) {
    const day = localDate(Math.max(o.start, 0), timeZone);
    byDay.set(day, [...(byDay.get(day) ?? []), o]);
  }
  const count = occurrences.length;
  const head = {
    en: `You have ${count} ${count === 1 ? "event" : "events"} ${range.label}.`,
    ja: `${range.label}の予定は${count}件です。`,
    ko: `${range.label} 일정은 ${count}개입니다.`,
  }[language];
  const parts: string[] = [];
  for (const [day, list] of byDay) {
    const items = list.map((o) => spokenEvent(o, timeZone, language));
    const joined = joinList(items, language);
    const spokenDayName = spokenDay(day, today, language);
    if (range.days <= 1) parts.push(language === "en" ? `${cap(joined)}.` : `${joined}。`);
    else
      parts.push(
        {
          en: `${onDay(spokenDayName, language)}: ${joined}.`,
          ja: `${spokenDayName}は${joined}。`,
          ko: `${spokenDayName}에는 ${joined}.`,
        }[language],
      );
  }
  return language === "en"
    ? `${head} ${parts.join(" ")}`
    : `${head}${language === "ko" ? " " : ""}${parts.join(language === "ko" ? " " : "")}`;
}

export function joinList(items: readonly string[], language: Language): string {
  if (language === "ja") return items.join("、");
  if (language === "ko") return items.join(", ");
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join("; ")}; and ${items.at(-1)}`;
}

export function spokenRepeat(
  freq: string,
  o: Occurrence,
  timeZone: string,
  language: Language,
): string {
  const weekday = new Intl.DateTimeFormat(LOCALES[language], { weekday: "long", timeZone }).format(
    new Date(o.start),
  );
  const time = o.allDay ? "" : spokenTime(o.start, timeZone, language);
  const en: Record<string, string> = {
    DAILY: "every day",
    WEEKDAYS: "every weekday",
    WEEKLY: `every ${weekday}`,
    MONTHLY: "every month",
    YEARLY: "every year",
  };
  const ja: Record<string, string> = {
    DAILY: "毎日",
    WEEKDAYS: "平日毎日",
    WEEKLY: `毎週${weekday}`,
    MONTHLY: "毎月",
    YEARLY: "毎年",
  };
  const ko: Record<string, string> = {
    DAILY: "매일",
    WEEKDAYS: "평일마다",
    WEEKLY: `매주 ${weekday}`,
    MONTHLY: "매달",
    YEARLY: "매년",
  };
  if (language === "en") return `${en[freq]}${time ? ` at ${time}` : ""}`;
  if (language === "ja") return `${ja[freq]}${time ? `の${time}` : ""}`;
  return `${ko[freq]}${time ? ` ${time}` : ""}`;
}
