// Content templates for screens (cic.md §14): Schedule, ScheduleList, Memo, MemoList. The
// spec names them without their fields; ours are documented in docs/schedule.md.

import { localDate } from "../time/date.js";
import { pad, wallTimeAt } from "../time/zone.js";
import type { Occurrence } from "./ical.js";
import type { Memo } from "./memos.js";

const text = (value: string) => ({ type: "string", value });
const meta = { version: text("v0.1") };

function dateTime(instant: number, timeZone: string) {
  const w = wallTimeAt(instant, timeZone);
  return {
    type: "datetime",
    value: `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`,
  };
}

function item(o: Occurrence, timeZone: string) {
  return {
    title: text(o.summary),
    date: { type: "date", value: localDate(o.start, timeZone) },
    startTime: dateTime(o.start, timeZone),
    endTime: dateTime(o.end, timeZone),
    allDay: text(o.allDay ? "true" : "false"),
    repeat: text(o.recurring ? "true" : "false"),
    ...(o.location ? { location: text(o.location) } : {}),
  };
}

export function scheduleCard(o: Occurrence, timeZone: string, spoken: string) {
  return { type: "Schedule", meta, failureMessage: text(spoken), ...item(o, timeZone) };
}

export function scheduleListCard(
  list: readonly Occurrence[],
  timeZone: string,
  subtitle: string,
  spoken: string,
) {
  return {
    type: "ScheduleList",
    meta,
    failureMessage: text(spoken),
    subtitle: text(subtitle),
    scheduleList: list.map((o) => item(o, timeZone)),
  };
}

function memoItem(memo: Memo, timeZone: string) {
  return { memoText: text(memo.text), createdTime: dateTime(memo.createdAt, timeZone) };
}

export function memoCard(memo: Memo, timeZone: string, spoken: string) {
  return { type: "Memo", meta, failureMessage: text(spoken), ...memoItem(memo, timeZone) };
}

export function memoListCard(memos: readonly Memo[], timeZone: string, spoken: string) {
  return {
    type: "MemoList",
    meta,
    failureMessage: text(spoken),
    memoList: memos.map((m) => memoItem(m, timeZone)),
  };
}
