// Calendar dates in the user's zone: as fields ({ year, month, day }) for computing
// occurrences, and as ISO dates (YYYY-MM-DD) for ranges and cards.
import { instantOf, pad, wallTimeAt } from "./zone.js";

/** A calendar date (month 1–12). */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** Adds whole days to a calendar date; the result knows its weekday (1 = Monday … 7). */
export function addDays(date: CalendarDate, days: number): CalendarDate & { weekday: number } {
  const utc = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return {
    year: utc.getUTCFullYear(),
    month: utc.getUTCMonth() + 1,
    day: utc.getUTCDate(),
    weekday: ((utc.getUTCDay() + 6) % 7) + 1,
  };
}

/** The local date (YYYY-MM-DD) of an instant. */
export function localDate(instant: number, timeZone: string): string {
  const w = wallTimeAt(instant, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

function fields(date: string): CalendarDate {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return { year, month, day };
}

/** Midnight of a local date (YYYY-MM-DD) in a zone. */
export function dateStart(date: string, timeZone: string): number {
  return instantOf({ ...fields(date), hour: 0, minute: 0, second: 0 }, timeZone);
}

/** Adds whole days to a local date (YYYY-MM-DD). */
export function shiftDate(date: string, days: number): string {
  const d = addDays(fields(date), days);
  return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
}
