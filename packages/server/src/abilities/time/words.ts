// Times and dates as each language says them ("3:30 PM", 午後3時30分, 오후 3시 30분;
// "Saturday, December 5", 12月5日土曜日), shared by the abilities that speak them.
import type { Language } from "../../assistant/turn.js";
import { wallTimeAt } from "./zone.js";

export const LOCALES: Record<Language, string> = { en: "en-US", ja: "ja-JP", ko: "ko-KR" };

/** The wall-clock time of an instant in a zone, as said aloud. */
export function spokenTime(instant: number, timeZone: string, language: Language): string {
  const { hour, minute } = wallTimeAt(instant, timeZone);
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  if (language === "en") {
    if (hour === 12 && minute === 0) return "noon";
    if (hour === 0 && minute === 0) return "midnight";
    return `${h12}${minute ? `:${String(minute).padStart(2, "0")}` : ""} ${hour < 12 ? "AM" : "PM"}`;
  }
  if (language === "ja")
    return `${hour < 12 ? "午前" : "午後"}${hour % 12}時${minute ? `${minute}分` : ""}`;
  return `${hour < 12 ? "오전" : "오후"} ${h12}시${minute ? ` ${minute}분` : ""}`;
}

/** A local date (YYYY-MM-DD) with its weekday: "Friday, December 11" (with the year if asked). */
export function spokenDate(date: string, language: Language, withYear = false): string {
  const options: Intl.DateTimeFormatOptions = {
    weekday: "long",
    month: "long",
    day: "numeric",
    timeZone: "UTC",
    ...(withYear ? { year: "numeric" } : {}),
  };
  const text = new Intl.DateTimeFormat(LOCALES[language], options).format(
    new Date(`${date}T12:00:00Z`),
  );
  return language === "ja" ? text.replace(/\s/g, "") : text;
}
