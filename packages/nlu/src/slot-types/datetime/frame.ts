// A frame collects the atoms of one date/time mention and turns them into a §5.2 value.
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
import type { Atom, Ctx, Part } from "./model.js";

export interface Frame {
  day?: number;
  days?: readonly [number, number];
  time?: { seconds: number; explicit: boolean; part?: Part };
  part?: Part;
  moment?: { day: number; seconds?: number };
}

/** Fills a frame with one atom; false when the slot is already taken (a new mention starts). */
export function fill(frame: Frame, atom: Atom, c: Ctx): boolean | "invalid" {
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
export function timeOf(frame: Frame): number | undefined {
  const t = frame.time;
  if (!t) return undefined;
  const p = t.part ?? frame.part;
  if (!p) return t.seconds;
  const hour = Math.floor(t.seconds / 3600);
  return p.adjust(hour) * 3600 + (t.seconds % 3600);
}

export function empty(frame: Frame): boolean {
  return frame.day === undefined && !frame.days && !frame.time && !frame.part && !frame.moment;
}

export function single(frame: Frame, c: Ctx): ResolvedSlotValue | undefined {
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
  // A time of day alone: the midnight ending a night (24:00) is the clock's 00:00.
  if (time !== undefined) return out(formatTime(time % DAY_SECONDS), "TIME");
  if (frame.part)
    return out(`${formatTime(frame.part.start)}/${formatTime(frame.part.end)}`, "TIME.INTERVAL");
  return undefined;
}

export function interval(a: Frame, b: Frame, c: Ctx): ResolvedSlotValue | undefined {
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
