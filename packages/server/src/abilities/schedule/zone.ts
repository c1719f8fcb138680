// Wall-clock time in an IANA time zone and back, through Intl (no table of our own). Used to
// expand recurring events in the zone they were written in, so "every Monday at 10" stays at
// 10:00 on both sides of a daylight-saving change.

/** A local date and time as read on a wall clock (month 1–12). */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

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
    });
    formatters.set(timeZone, found);
  }
  return found;
}

/** Whether Intl knows this zone name (IANA). */
export function isKnownZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in `timeZone` at an instant. */
export function wallTimeAt(instant: number, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instant)))
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  return {
    year: parts["year"]!,
    month: parts["month"]!,
    day: parts["day"]!,
    hour: parts["hour"]! % 24,
    minute: parts["minute"]!,
    second: parts["second"]!,
  };
}

function asUtc(wall: WallTime): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

/** Offset of the zone from UTC at an instant, in milliseconds. */
export function zoneOffset(instant: number, timeZone: string): number {
  const rounded = Math.floor(instant / 1000) * 1000;
  return asUtc(wallTimeAt(rounded, timeZone)) - rounded;
}

/**
 * The instant a wall-clock time names in a zone. A time skipped by a spring-forward change
 * moves forward by the gap (RFC 5545 §3.3.5); a repeated one takes its first occurrence.
 */
export function instantOf(wall: WallTime, timeZone: string): number {
  const local = asUtc(wall);
  const before = zoneOffset(local - 86_400_000, timeZone);
  const after = zoneOffset(local + 86_400_000, timeZone);
  const first = local - before;
  if (before === after || asUtc(wallTimeAt(first, timeZone)) === local) return first;
  const second = local - after;
  if (asUtc(wallTimeAt(second, timeZone)) === local) return second;
  // In the gap: the same wall time read with the offset in force before the change.
  return local - before;
}

/** Midnight starting the local day that contains `instant`. */
export function startOfDay(instant: number, timeZone: string): number {
  const wall = wallTimeAt(instant, timeZone);
  return instantOf({ ...wall, hour: 0, minute: 0, second: 0 }, timeZone);
}

/** The local date (YYYY-MM-DD) of an instant. */
export function localDate(instant: number, timeZone: string): string {
  const w = wallTimeAt(instant, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** Midnight of a local date (YYYY-MM-DD) in a zone. */
export function dateStart(date: string, timeZone: string): number {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return instantOf({ year, month, day, hour: 0, minute: 0, second: 0 }, timeZone);
}

/** Adds whole days to a local date (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const moved = new Date(Date.UTC(year, month - 1, day + days));
  return moved.toISOString().slice(0, 10);
}

export function pad(n: number): string {
  return String(n).padStart(2, "0");
}
