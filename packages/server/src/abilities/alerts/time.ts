// Wall-clock time in the user's zone (IANA) without a time library: offsets come from Intl,
// local times are turned into instants with the rule a user expects around DST changes — a
// time that does not exist that day (the spring-forward gap, "2:30") rings as late as the gap
// (3:30), a time that happens twice (the autumn overlap) rings the first time.

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      weekday: "short",
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** True when the runtime knows the IANA zone. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** A wall-clock date and time (month 1–12; weekday 1 = Monday … 7 = Sunday, ISO 8601). */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The wall clock in `timeZone` at an instant. */
export function localTime(instant: number, timeZone: string): LocalDateTime {
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instant)))
    parts[part.type] = part.value;
  return {
    year: Number(parts["year"]),
    month: Number(parts["month"]),
    day: Number(parts["day"]),
    hour: Number(parts["hour"]) % 24,
    minute: Number(parts["minute"]),
    second: Number(parts["second"]),
    weekday: WEEKDAYS[parts["weekday"] ?? ""] ?? 1,
  };
}

/** The zone's offset from UTC at an instant, in milliseconds (e.g. +9 h for Asia/Tokyo). */
export function offsetAt(instant: number, timeZone: string): number {
  const t = localTime(instant, timeZone);
  const wall = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

/** The instant a wall-clock time happens in `timeZone` (DST rule in the file comment). */
export function zonedInstant(
  date: { year: number; month: number; day: number },
  time: { hour: number; minute: number; second: number },
  timeZone: string,
): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute, time.second);
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const candidates = [wall - before, wall - after].filter(
    (t) => t + offsetAt(t, timeZone) === wall,
  );
  // Overlap: both are valid, the earlier wins. Gap: neither; the offset before the change
  // puts the alert as far after the gap as it was into it.
  return candidates.length > 0 ? Math.min(...candidates) : wall - before;
}

/** ISO 8601 with the zone's offset at that instant, e.g. 2024-02-04T06:30:00+09:00. */
export function isoWithOffset(instant: number, timeZone: string): string {
  const t = localTime(instant, timeZone);
  const offset = Math.round(offsetAt(instant, timeZone) / 60_000);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return (
    `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** Adds whole days to a calendar date. */
export function addDays(
  date: { year: number; month: number; day: number },
  days: number,
): { year: number; month: number; day: number; weekday: number } {
  const utc = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS);
  return {
    year: utc.getUTCFullYear(),
    month: utc.getUTCMonth() + 1,
    day: utc.getUTCDate(),
    weekday: ((utc.getUTCDay() + 6) % 7) + 1,
  };
}

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
  const pad = (n: number) => String(n).padStart(2, "0");
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
  const today = localTime(after, timeZone);
  const first = options.startDate ?? today;
  const days = options.weekdays && options.weekdays.length > 0 ? options.weekdays : undefined;
  for (let offset = 0; offset < 400; offset++) {
    const date = addDays(first, offset);
    if (days && !days.includes(date.weekday)) continue;
    const instant = zonedInstant(date, time, timeZone);
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
