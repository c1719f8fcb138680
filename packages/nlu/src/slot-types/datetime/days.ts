// Day and day-range resolvers shared by the three languages (interaction-model.md §5.2).
import { addMonths, civil, DAY_SECONDS, dayOf, lastDayOfMonth, weekdayOf } from "./clock.js";
import type { Ctx } from "./model.js";

export type DayFn = (c: Ctx) => number | undefined;
export type RangeFn = (c: Ctx) => readonly [number, number] | undefined;

export const relativeDay =
  (offset: number): DayFn =>
  (c) =>
    c.today + offset;

const monday = (day: number): number => day - weekdayOf(day);

/**
 * A weekday (0 = Monday). `week` = week offset ("next Friday" = 1, "last Friday" = -1, "this
 * Friday" = 0); without it the nearest one in the slot's direction, today included.
 */
export function weekday(w: number, week?: number | "after" | "before"): DayFn {
  return (c) => {
    if (typeof week === "number") return monday(c.today) + 7 * week + w;
    const diff = (w - weekdayOf(c.today) + 7) % 7;
    if (week === "after") return c.today + (diff === 0 ? 7 : diff);
    if (week === "before") return c.today - ((7 - diff) % 7 || 7);
    return c.dir > 0 ? c.today + diff : c.today - ((7 - diff) % 7);
  };
}

/** Month + day; without a year the next (or, for RECENT, the last) one, today included. */
export function monthDay(m: number, d: number, y?: number): DayFn {
  return (c) => {
    if (y !== undefined) return dayOf(y, m, d);
    const year = civil(c.today).y;
    for (let k = 0; k < 8; k++) {
      const candidate = dayOf(year + c.dir * k, m, d);
      if (candidate !== undefined && (c.dir > 0 ? candidate >= c.today : candidate <= c.today))
        return candidate;
    }
    return undefined;
  };
}

/** Day of month alone ("the 5th", "25日", "25일"). */
export function dayOfMonth(d: number): DayFn {
  return (c) => {
    const { y, m } = civil(c.today);
    for (let k = 0; k < 12; k++) {
      const total = y * 12 + (m - 1) + c.dir * k;
      const candidate = dayOf(Math.floor(total / 12), (total % 12) + 1, d);
      if (candidate !== undefined && (c.dir > 0 ? candidate >= c.today : candidate <= c.today))
        return candidate;
    }
    return undefined;
  };
}

/** Whole month; without a year the next (RECENT: last) one, the current month included. */
export function month(m: number, y?: number): RangeFn {
  return (c) => {
    const now = civil(c.today);
    let year = y;
    if (year === undefined) {
      year = now.y;
      if (c.dir > 0 && m < now.m) year++;
      if (c.dir < 0 && m > now.m) year--;
    }
    const first = dayOf(year, m, 1);
    return first === undefined ? undefined : [first, lastDayOfMonth(year, m)];
  };
}

/** Month relative to this one ("next month" = 1). */
export function relativeMonth(offset: number): RangeFn {
  return (c) => {
    const { y, m } = civil(addMonths(c.today - civil(c.today).d + 1, offset));
    return [dayOf(y, m, 1)!, lastDayOfMonth(y, m)];
  };
}

export function year(y: number | { offset: number }): RangeFn {
  return (c) => {
    const value = typeof y === "number" ? y : civil(c.today).y + y.offset;
    return [dayOf(value, 1, 1)!, dayOf(value, 12, 31)!];
  };
}

export function week(offset: number): RangeFn {
  return (c) => {
    const start = monday(c.today) + 7 * offset;
    return [start, start + 6];
  };
}

/** Saturday–Sunday; without an offset the coming (RECENT: last) weekend, today included. */
export function weekend(offset?: number): RangeFn {
  return (c) => {
    let start = monday(c.today) + 5;
    if (offset !== undefined) start += 7 * offset;
    else if (c.dir < 0 && c.today < start) start -= 7;
    return [start, start + 1];
  };
}

export type Season = "spring" | "summer" | "autumn" | "winter";
const SEASON_START: Record<Season, number> = { spring: 3, summer: 6, autumn: 9, winter: 12 };

function seasonOf(s: Season, startYear: number): readonly [number, number] {
  const m = SEASON_START[s];
  const start = dayOf(startYear, m, 1)!;
  const endMonth = ((m + 1) % 12) + 1;
  const endYear = s === "winter" ? startYear + 1 : startYear;
  return [start, lastDayOfMonth(endYear, endMonth)];
}

/** A season (§5.2): the current one when today is inside it, else the next (RECENT: last). */
export function season(s: Season, yearOffset?: number): RangeFn {
  return (c) => {
    const { y } = civil(c.today);
    if (yearOffset !== undefined) return seasonOf(s, y + yearOffset);
    for (const start of [y - 1, y, y + 1].map((k) => seasonOf(s, k))) {
      if (start[0] <= c.today && c.today <= start[1]) return start;
    }
    const candidates = [y - 1, y, y + 1].map((k) => seasonOf(s, k));
    return c.dir > 0
      ? candidates.find((r) => r[0] > c.today)
      : [...candidates].reverse().find((r) => r[1] < c.today);
  };
}

/** "in 10 minutes", "3日後", "2시간 전": an instant, or a day when the unit is days or longer. */
export function shift(
  amount: number,
  unit: "second" | "minute" | "hour" | "day" | "week" | "month" | "year",
) {
  return (c: Ctx): { day: number; seconds?: number } => {
    if (unit === "day" || unit === "week")
      return { day: c.today + amount * (unit === "week" ? 7 : 1) };
    if (unit === "month" || unit === "year")
      return { day: addMonths(c.today, amount * (unit === "year" ? 12 : 1)) };
    const seconds = c.now + amount * (unit === "hour" ? 3600 : unit === "minute" ? 60 : 1);
    return {
      day: c.today + Math.floor(seconds / DAY_SECONDS),
      seconds: ((seconds % DAY_SECONDS) + DAY_SECONDS) % DAY_SECONDS,
    };
  };
}

/** "in 1 hour and 20 minutes", "2時間半後", "3일 전": shift by a whole duration. */
export function shiftBy(
  total: Readonly<Record<"Y" | "Mo" | "D" | "H" | "Mi" | "S", number>>,
  sign: 1 | -1,
) {
  return (c: Ctx): { day: number; seconds?: number } => {
    const months = sign * (total.Y * 12 + total.Mo);
    const base = (months ? addMonths(c.today, months) : c.today) + sign * total.D;
    const secs = total.H * 3600 + total.Mi * 60 + total.S;
    if (secs === 0) return { day: base };
    const seconds = c.now + sign * Math.round(secs);
    return {
      day: base + Math.floor(seconds / DAY_SECONDS),
      seconds: ((seconds % DAY_SECONDS) + DAY_SECONDS) % DAY_SECONDS,
    };
  };
}
