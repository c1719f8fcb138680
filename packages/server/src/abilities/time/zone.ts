// Wall-clock time in an IANA time zone and back, through Intl (no zone table of our own), for
// every ability that speaks the user's time (alerts, schedule). Local times become instants
// with the rule a user expects around daylight-saving changes: a time that does not exist
// that day (the spring-forward gap, "2:30") moves forward by the gap (3:30, as RFC 5545
// §3.3.5 says for calendars), a time that happens twice (the autumn overlap) is the first.

/** A local date and time as read on a wall clock (month 1–12). */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** A wall-clock reading with its weekday (1 = Monday … 7 = Sunday, ISO 8601). */
export interface LocalDateTime extends WallTime {
  weekday: number;
}

const DAY_MS = 86_400_000;
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      weekday: "short",
    });
    formatters.set(timeZone, found);
  }
  return found;
}

/** Whether the runtime knows this IANA zone name. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in `timeZone` at an instant. */
export function wallTimeAt(instant: number, timeZone: string): LocalDateTime {
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let weekday = 1;
  for (const part of formatter(timeZone).formatToParts(new Date(instant))) {
    switch (part.type) {
      case "year":
        year = Number(part.value);
        break;
      case "month":
        month = Number(part.value);
        break;
      case "day":
        day = Number(part.value);
        break;
      case "hour":
        hour = Number(part.value) % 24;
        break;
      case "minute":
        minute = Number(part.value);
        break;
      case "second":
        second = Number(part.value);
        break;
      case "weekday":
        weekday = WEEKDAYS[part.value] ?? 1;
        break;
      default:
        break;
    }
  }
  return { year, month, day, hour, minute, second, weekday };
}

function asUtc(wall: WallTime): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

/** The zone's offset from UTC at an instant, in milliseconds (e.g. +9 h for Asia/Tokyo). */
export function zoneOffset(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return asUtc(wallTimeAt(whole, timeZone)) - whole;
}

/** The instant a wall-clock time names in a zone (DST rule in the file comment). */
export function instantOf(wall: WallTime, timeZone: string): number {
  const local = asUtc(wall);
  const before = zoneOffset(local - DAY_MS, timeZone);
  const after = zoneOffset(local + DAY_MS, timeZone);
  const first = local - before;
  if (before === after || asUtc(wallTimeAt(first, timeZone)) === local) return first;
  const second = local - after;
  if (asUtc(wallTimeAt(second, timeZone)) === local) return second;
  // In the gap: the same wall time read with the offset in force before the change.
  return first;
}

export function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** ISO 8601 with the zone's offset at that instant, e.g. 2024-02-04T06:30:00+09:00. */
export function isoWithOffset(instant: number, timeZone: string): string {
  const t = wallTimeAt(instant, timeZone);
  const offset = Math.round(zoneOffset(instant, timeZone) / 60_000);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return (
    `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}
