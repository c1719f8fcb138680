// What a CLOVA.DATETIME slot value (interaction-model.md §5.2) names, on the user's timeline.
import { dateStart, localDate, shiftDate } from "../time/date.js";
import { instantOf } from "../time/zone.js";

export type When =
  /** Whole local days [from, to): "today", "this week", "on the 12th". */
  | { kind: "days"; from: number; to: number; firstDate: string; days: number }
  /** A moment: "at 3 pm on Friday", "tomorrow at 9". */
  | { kind: "moment"; at: number }
  /** A time of day without a day: "at 4 pm", "my 3 o'clock". */
  | { kind: "time"; seconds: number }
  /** A stretch of time: "this afternoon", "between 2 and 4". */
  | { kind: "span"; from: number; to: number };

function secondsOf(time: string): number | undefined {
  const m = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  if (!m) return undefined;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseWhen(
  value: string,
  valueType: string | undefined,
  now: number,
  timeZone: string,
): When | undefined {
  const [a, b] = value.split("/");
  if (a === undefined) return undefined;
  if (b === undefined) {
    if (DATE.test(a)) return days(a, a, timeZone);
    const seconds = secondsOf(a);
    if (seconds !== undefined) return { kind: "time", seconds };
    const at = Date.parse(a);
    return Number.isNaN(at) ? undefined : { kind: "moment", at };
  }
  if (DATE.test(a) && DATE.test(b)) return days(a, b, timeZone);
  const sa = secondsOf(a);
  const sb = secondsOf(b);
  if (sa !== undefined && sb !== undefined) {
    const today = localDate(now, timeZone);
    const from = atTimeOn(today, sa, timeZone);
    const to =
      sb > sa ? atTimeOn(today, sb, timeZone) : atTimeOn(shiftDate(today, 1), sb, timeZone);
    return { kind: "span", from, to };
  }
  const from = Date.parse(a);
  const to = Date.parse(b);
  if (Number.isNaN(from) || Number.isNaN(to)) return undefined;
  void valueType;
  return { kind: "span", from, to: Math.max(to, from + 60_000) };
}

function days(first: string, last: string, timeZone: string): When {
  const from = dateStart(first, timeZone);
  const to = dateStart(shiftDate(last, 1), timeZone);
  const count =
    Math.round((Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / 86_400_000) +
    1;
  return { kind: "days", from, to, firstDate: first, days: count };
}

/** A time of day placed on the next day it has not yet passed (today or tomorrow). */
export function nextAtTime(seconds: number, now: number, timeZone: string): number {
  const today = localDate(now, timeZone);
  const at = atTimeOn(today, seconds, timeZone);
  return at > now ? at : atTimeOn(shiftDate(today, 1), seconds, timeZone);
}

/** A local date at a time of day. */
export function atTimeOn(date: string, seconds: number, timeZone: string): number {
  // Through the wall clock, so 10:00 stays 10:00 on a day with a DST change.
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const hour = Math.floor(seconds / 3600);
  const minute = Math.floor((seconds % 3600) / 60);
  return instantOf({ year, month, day, hour, minute, second: 0 }, timeZone);
}

/** Duration value (ISO 8601, "PT10M") in minutes. */
export function minutesOf(duration: string): number | undefined {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(duration);
  if (!m) return undefined;
  const total = Number(m[1] ?? 0) * 1440 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
  return total > 0 ? total : undefined;
}
