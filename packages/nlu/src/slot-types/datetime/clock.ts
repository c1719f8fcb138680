// Calendar arithmetic on "epoch days" (days since 1970-01-01 in the user's own calendar) and
// time-zone conversion through Intl. Nothing here reads the system clock.

export const DAY_SECONDS = 86400;

export interface LocalNow {
  /** epoch day of the reference time in the user's time zone */
  today: number;
  /** seconds since local midnight */
  seconds: number;
}

const FORMATS = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = FORMATS.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      });
    } catch {
      throw new RangeError(`timeZone: "${timeZone}" is not an IANA time zone name`);
    }
    FORMATS.set(timeZone, f);
  }
  return f;
}

/** UTC offset (ms) of a time zone at an instant, straight from Intl. */
function intlOffset(instant: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(new Date(instant));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

// Offsets only change at transitions, which fall on quarter hours: cache per 15 minutes.
const QUARTER = 15 * 60 * 1000;
const OFFSETS = new Map<string, number>();

/** UTC offset (ms) at an instant; Intl is asked once per zone and quarter hour. */
function offsetMillis(instant: number, timeZone: string): number {
  if (timeZone === "UTC") return 0;
  const key = `${timeZone}|${Math.floor(instant / QUARTER)}`;
  let offset = OFFSETS.get(key);
  if (offset === undefined) {
    if (OFFSETS.size > 50_000) OFFSETS.clear();
    offset = intlOffset(Math.floor(instant / QUARTER) * QUARTER, timeZone);
    OFFSETS.set(key, offset);
  }
  return offset;
}

export function localNow(reference: Date, timeZone: string): LocalNow {
  const instant = Math.floor(reference.getTime() / 1000) * 1000;
  if (Number.isNaN(instant)) throw new RangeError("referenceTime: not a valid Date");
  const wall = (instant + offsetMillis(instant, timeZone)) / 1000;
  const today = Math.floor(wall / DAY_SECONDS);
  return { today, seconds: wall - today * DAY_SECONDS };
}

/** UTC offset in minutes that applies at a local wall-clock time. */
export function offsetAt(day: number, seconds: number, timeZone: string): number {
  if (timeZone === "UTC") return 0;
  const wall = (day * DAY_SECONDS + seconds) * 1000;
  const first = offsetMillis(wall, timeZone);
  return offsetMillis(wall - first, timeZone) / 60000;
}

export function civil(day: number): { y: number; m: number; d: number } {
  const date = new Date(day * DAY_SECONDS * 1000);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

/** Epoch day of a calendar date; undefined when the date does not exist (Feb 30). */
export function dayOf(y: number, m: number, d: number): number | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return undefined;
  return Math.round(date.getTime() / 1000 / DAY_SECONDS);
}

export function lastDayOfMonth(y: number, m: number): number {
  return Math.round(Date.UTC(y, m, 0) / 1000 / DAY_SECONDS);
}

/** 0 = Monday … 6 = Sunday (weeks start on Monday). */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

export function addMonths(day: number, months: number): number {
  const { y, m, d } = civil(day);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return Math.min(dayOf(ny, nm, 1)! + d - 1, lastDayOfMonth(ny, nm));
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

export function formatDate(day: number): string {
  const { y, m, d } = civil(day);
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

export function formatTime(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return `${pad(h)}:${pad(m)}:${pad(seconds % 60)}`;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** YYYY-MM-DDThh:mm:ss±hh:mm; seconds may exceed a day (carried into the date). */
export function formatDateTime(day: number, seconds: number, timeZone: string): string {
  const d = day + Math.floor(seconds / DAY_SECONDS);
  const s = ((seconds % DAY_SECONDS) + DAY_SECONDS) % DAY_SECONDS;
  return `${formatDate(d)}T${formatTime(s)}${formatOffset(offsetAt(d, s, timeZone))}`;
}
