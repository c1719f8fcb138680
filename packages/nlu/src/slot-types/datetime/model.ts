// Pieces of a date/time expression ("atoms") and how a run of them becomes one value of
// interaction-model.md §5.2.
import type { DateTimeValueType, ResolvedSlotValue } from "../types.js";
import {
  civil,
  DAY_SECONDS,
  dayOf,
  formatDate,
  formatDateTime,
  formatTime,
  lastDayOfMonth,
} from "./clock.js";

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
/** Night: "夜10時" → 22:00, but "夜2時" stays 02:00. */
export const NIGHT_ADJUST = (hour: number): number => (hour >= 5 && hour < 12 ? hour + 12 : hour);
/** Around noon: "昼1時" → 13:00, "昼11時" stays 11:00. */
export const NOON_ADJUST = (hour: number): number => (hour < 7 ? hour + 12 : hour);

interface Frame {
  day?: number;
  days?: readonly [number, number];
  time?: { seconds: number; explicit: boolean; part?: Part };
  part?: Part;
  moment?: { day: number; seconds?: number };
}

/** Fills a frame with one atom; false when the slot is already taken (a new mention starts). */
function fill(frame: Frame, atom: Atom, c: Ctx): boolean | "invalid" {
  switch (atom.k) {
    case "day": {
      if (frame.days && frame.day === undefined && atom.dom !== undefined && !frame.time) {
        // "来月の3日", "다음 달 3일", "next month on the 5th"
        const { y, m } = civil(frame.days[0]);
        const inside = dayOf(y, m, atom.dom);
        if (inside === undefined || inside > frame.days[1]) return "invalid";
        frame.days = undefined;
        frame.day = inside;
        return true;
      }
      if (frame.day !== undefined || frame.days || frame.moment) return false;
      if (atom.part && frame.part) return false;
      const day = atom.day(c);
      if (day === undefined) return "invalid";
      frame.day = day;
      if (atom.part) frame.part = atom.part;
      return true;
    }
    case "days": {
      if (frame.days && atom.month !== undefined && !frame.time && !frame.part) {
        // "来年の3月", "내년 3월": a month inside a year said before it
        const { y } = civil(frame.days[0]);
        const first = dayOf(y, atom.month, 1);
        if (first === undefined || first < frame.days[0] || first > frame.days[1]) return false;
        frame.days = [first, lastDayOfMonth(y, atom.month)];
        return true;
      }
      if (frame.day !== undefined || frame.days || frame.time || frame.part || frame.moment)
        return false;
      const range = atom.range(c);
      if (!range) return "invalid";
      frame.days = range;
      return true;
    }
    case "time":
      if (frame.time || frame.days || frame.moment) return false;
      frame.time = { seconds: atom.seconds, explicit: atom.explicit, part: atom.part };
      return true;
    case "part":
      if (frame.part || frame.days || frame.moment || frame.time?.part) return false;
      frame.part = atom.part;
      return true;
    case "moment":
      if (frame.day !== undefined || frame.days || frame.time || frame.part || frame.moment)
        return false;
      frame.moment = atom.at(c);
      return true;
    default:
      return false;
  }
}

/** Seconds since midnight of a frame's time, after applying its part of day. */
function timeOf(frame: Frame): number | undefined {
  const t = frame.time;
  if (!t) return undefined;
  const p = t.part ?? frame.part;
  if (!p) return t.seconds;
  const hour = Math.floor(t.seconds / 3600);
  return p.adjust(hour) * 3600 + (t.seconds % 3600);
}

function empty(frame: Frame): boolean {
  return frame.day === undefined && !frame.days && !frame.time && !frame.part && !frame.moment;
}

function single(frame: Frame, c: Ctx): ResolvedSlotValue | undefined {
  const out = (value: string, valueType: DateTimeValueType): ResolvedSlotValue => ({
    value,
    valueType,
  });
  if (frame.moment) {
    const m = frame.moment;
    return m.seconds === undefined
      ? out(formatDate(m.day), "DATE")
      : out(formatDateTime(m.day, m.seconds, c.timeZone), "DATETIME");
  }
  if (frame.days)
    return out(`${formatDate(frame.days[0])}/${formatDate(frame.days[1])}`, "DATE.INTERVAL");
  const time = timeOf(frame);
  if (frame.day !== undefined) {
    if (time !== undefined) return out(formatDateTime(frame.day, time, c.timeZone), "DATETIME");
    if (frame.part) {
      const a = formatDateTime(frame.day, frame.part.start, c.timeZone);
      return out(
        `${a}/${formatDateTime(frame.day, frame.part.end, c.timeZone)}`,
        "DATETIME.INTERVAL",
      );
    }
    return out(formatDate(frame.day), "DATE");
  }
  if (time !== undefined) return out(formatTime(time), "TIME");
  if (frame.part)
    return out(`${formatTime(frame.part.start)}/${formatTime(frame.part.end)}`, "TIME.INTERVAL");
  return undefined;
}

function interval(a: Frame, b: Frame, c: Ctx): ResolvedSlotValue | undefined {
  // a date said once covers both ends ("tomorrow from 3 to 5")
  if (a.day !== undefined && b.day === undefined && !b.days) b.day = a.day;
  if (b.day !== undefined && a.day === undefined && !a.days && a.time) a.day = b.day;
  // "from 3 to 5 pm": the end's am/pm marker also applies to a bare start hour
  if (a.time && b.time && !a.time.part && !a.part) {
    const p = b.time.part ?? b.part;
    const ta = a.time.seconds;
    if (p && p.adjust(Math.floor(ta / 3600)) * 3600 + (ta % 3600) <= timeOf(b)!) a.time.part = p;
  }
  if (a.time && b.time && !b.time.part && !b.part) {
    const p = a.time.part ?? a.part;
    const tb = b.time.seconds;
    if (p && p.adjust(Math.floor(tb / 3600)) * 3600 + (tb % 3600) > timeOf(a)!) b.time.part = p;
  }
  const ta = timeOf(a);
  const tb = timeOf(b);
  const dayA = a.days ? a.days[0] : a.day;
  const dayB = b.days ? b.days[1] : b.day;
  if (ta !== undefined && tb !== undefined) {
    if (dayA === undefined || dayB === undefined) {
      if (dayA !== undefined || dayB !== undefined) return undefined;
      return { value: `${formatTime(ta)}/${formatTime(tb)}`, valueType: "TIME.INTERVAL" };
    }
    const endDay = dayB === dayA && tb <= ta ? dayB + 1 : dayB;
    if (endDay < dayA) return undefined;
    const value = `${formatDateTime(dayA, ta, c.timeZone)}/${formatDateTime(endDay, tb, c.timeZone)}`;
    return { value, valueType: "DATETIME.INTERVAL" };
  }
  if (ta !== undefined || tb !== undefined || a.part || b.part || a.moment || b.moment)
    return undefined;
  if (dayA === undefined || dayB === undefined || dayB < dayA) return undefined;
  return { value: `${formatDate(dayA)}/${formatDate(dayB)}`, valueType: "DATE.INTERVAL" };
}

export interface Mention {
  start: number;
  end: number;
  resolved: ResolvedSlotValue;
}

/**
 * Turns atoms (in text order, each run already known to be adjacent) into mentions.
 * `adjacent(i)` tells whether atom i directly follows atom i-1 (only spaces between).
 */
export function compose(
  atoms: readonly Located[],
  adjacent: (i: number) => boolean,
  c: Ctx,
): Mention[] {
  const mentions: Mention[] = [];
  let i = 0;
  while (i < atoms.length) {
    const result = parseMention(atoms, i, adjacent, c);
    if (result) {
      mentions.push(result.mention);
      i = result.next;
    } else i++;
  }
  return mentions;
}

function parseMention(
  atoms: readonly Located[],
  first: number,
  adjacent: (i: number) => boolean,
  c: Ctx,
): { mention: Mention; next: number } | undefined {
  let i = first;
  const from = atoms[i]!.atom.k === "from";
  if (from || atoms[i]!.atom.k === "join") i++;
  const a: Frame = {};
  let aEnd = -1;
  let j = i;
  for (; j < atoms.length && (j === first || adjacent(j)); j++) {
    const atom = atoms[j]!.atom;
    if (atom.k === "join") continue;
    const ok = fill(a, atom, c);
    if (ok === "invalid") return undefined;
    if (!ok) break;
    aEnd = j;
  }
  if (empty(a)) return undefined;
  const resolvedA = single(a, c);
  if (!resolvedA) return undefined;
  const best = {
    mention: { start: atoms[i]!.start, end: atoms[aEnd]!.end, resolved: resolvedA },
    next: aEnd + 1,
  };
  const startOffset = from ? atoms[first]!.start : atoms[i]!.start;
  // a range: "<a> to <b>", "<a>から<b>まで", "<a>부터 <b>까지"
  let k = aEnd + 1;
  const link = atoms[k]?.atom;
  // "and" links a range only after "between" ("between 3 and 5", not "Monday and Friday")
  let opened = from;
  for (let n = i; n <= aEnd; n++) {
    const atom = atoms[n]!.atom;
    if (atom.k === "time" && atom.opens) opened = true;
  }
  if (link && adjacent(k) && ((link.k === "to" && (!link.weak || opened)) || link.k === "from")) {
    k++;
    const b: Frame = {};
    let bEnd = -1;
    for (let n = k; n < atoms.length && adjacent(n); n++) {
      const atom = atoms[n]!.atom;
      if (atom.k === "join") continue;
      if (fill(b, atom, rangeEndCtx(c, a)) !== true) break;
      bEnd = n;
    }
    if (bEnd >= 0) {
      let end = bEnd;
      if (end + 1 < atoms.length && adjacent(end + 1) && atoms[end + 1]!.atom.k === "until") end++;
      const resolved = interval({ ...a }, b, c);
      if (resolved)
        return { mention: { start: startOffset, end: atoms[end]!.end, resolved }, next: end + 1 };
    }
  }
  return best;
}

/** The end of a range is resolved forward from its start ("Friday to Sunday"). */
function rangeEndCtx(c: Ctx, a: Frame): Ctx {
  const start = a.days ? a.days[0] : a.day;
  return start === undefined ? { ...c, dir: 1 } : { ...c, today: start, now: 0, dir: 1 };
}

export { DAY_SECONDS };
