// Clock times ("07:30:00"), the next time a clock shows one in the user's zone, and
// CLOVA.DURATION values: what alarms, timers and repeats are made of. Zones and wall-clock
// reading are the shared helpers of abilities/time/.
import { addDays } from "../time/date.js";
import { instantOf, pad, wallTimeAt } from "../time/zone.js";

const DAY_MS = 86_400_000;

export interface ClockTime {
  hour: number;
  minute: number;
  second: number;
}

/** "07:30:00" → { hour: 7, minute: 30, second: 0 }; undefined when not a time. */
export function parseClockTime(value: string): ClockTime | undefined {
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return undefined;
  const time = { hour: Number(match[1]), minute: Number(match[2]), second: Number(match[3] ?? 0) };
  return time.hour < 24 && time.minute < 60 && time.second < 60 ? time : undefined;
}

export function formatClockTime(time: ClockTime): string {
  return `${pad(time.hour)}:${pad(time.minute)}:${pad(time.second)}`;
}

/**
 * The first instant after `after` when the wall clock shows `time` on one of `weekdays`
 * (ISO 1–7; empty or absent: any day), from the day of `startDate` on when given.
 */
export function nextOccurrence(
  time: ClockTime,
  timeZone: string,
  after: number,
  options: {
    weekdays?: readonly number[];
    startDate?: { year: number; month: number; day: number };
  } = {},
): number {
  const today = wallTimeAt(after, timeZone);
  const first = options.startDate ?? today;
  const days = options.weekdays && options.weekdays.length > 0 ? options.weekdays : undefined;
  for (let offset = 0; offset < 400; offset++) {
    const date = addDays(first, offset);
    if (days && !days.includes(date.weekday)) continue;
    const instant = instantOf({ ...date, ...time }, timeZone);
    if (instant > after) return instant;
  }
  throw new Error("no next occurrence within 400 days");
}

/** ISO 8601 durations as the built-in CLOVA.DURATION gives them (PT1H30M, P1D) → ms. */
export function durationMs(value: string): number | undefined {
  const match =
    /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
      value,
    );
  if (!match || value === "P" || value === "PT") return undefined;
  const [, y, mo, w, d, h, mi, s] = match.map((part) => (part ? Number(part) : 0));
  const ms =
    ((y ?? 0) * 365 + (mo ?? 0) * 30 + (w ?? 0) * 7 + (d ?? 0)) * DAY_MS +
    (h ?? 0) * 3_600_000 +
    (mi ?? 0) * 60_000 +
    (s ?? 0) * 1000;
  return ms > 0 ? Math.round(ms) : undefined;
}
