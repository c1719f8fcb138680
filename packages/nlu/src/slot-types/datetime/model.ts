// Pieces of a date/time expression ("atoms") and parts of the day (interaction-model.md §5.2).

/** Resolution context: today's epoch day, seconds since midnight, and the direction. */
export interface Ctx {
  today: number;
  now: number;
  /** +1: CLOVA.DATETIME (now or later); -1: CLOVA.DATETIME_RECENT (now or earlier) */
  dir: 1 | -1;
  timeZone: string;
}

/** A part of the day (§5.2 table); `adjust` turns a spoken hour into a 24-hour one. */
export interface Part {
  start: number;
  end: number;
  adjust: (hour: number) => number;
}

export type Atom =
  /** dom: the day of month when that is all that was said ("3日"), to sit inside a month */
  | { k: "day"; day: (c: Ctx) => number | undefined; part?: Part; dom?: number }
  /** month: set when only a month was said ("3月"), to sit inside a year */
  | { k: "days"; range: (c: Ctx) => readonly [number, number] | undefined; month?: number }
  | { k: "time"; seconds: number; explicit: boolean; part?: Part; opens?: boolean }
  | { k: "part"; part: Part }
  | { k: "moment"; at: (c: Ctx) => { day: number; seconds?: number } }
  | { k: "from" }
  /** weak: "and", a connector only after "between" */
  | { k: "to"; weak?: boolean }
  | { k: "until" }
  | { k: "join" };

export interface Located {
  start: number;
  end: number;
  atom: Atom;
}

const h = (x: number): number => x * 3600;
export const PM = (hour: number): number => (hour < 12 ? hour + 12 : hour);
export const AM = (hour: number): number => (hour === 12 ? 0 : hour);
const KEEP = (hour: number): number => hour;
export function part(
  startHour: number,
  endHour: number,
  adjust: (hour: number) => number = KEEP,
): Part {
  return { start: h(startHour), end: h(endHour), adjust };
}
/** Night: "夜10時" → 22:00, "夜2時" stays 02:00, "夜の12時" / "tonight at 12" is the midnight that
 * ends the night (24:00, the next day's 00:00). */
export const NIGHT_ADJUST = (hour: number): number =>
  hour === 12 ? 24 : hour >= 5 && hour < 12 ? hour + 12 : hour;
/** Late night: "深夜11時" → 23:00, "深夜2時" stays 02:00, "夜中の12時" is midnight. */
export const LATE_NIGHT_ADJUST = (hour: number): number =>
  hour >= 9 && hour < 12 ? hour + 12 : AM(hour);
/** Around noon: "昼1時" → 13:00, "昼11時" stays 11:00. */
export const NOON_ADJUST = (hour: number): number => (hour < 7 ? hour + 12 : hour);
