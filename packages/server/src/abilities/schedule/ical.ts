// The iCalendar (RFC 5545) side of the schedule: one calendar object per UID (the master
// VEVENT and its overridden instances, as CalDAV stores them), parsed with ical.js. Recurrence
// rules are expanded by ical.js's iterator on wall-clock time, then placed in the event's own
// zone (zone.ts), so a weekly 10:00 stays 10:00 across a daylight-saving change.
import ICAL from "ical.js";
import { instantOf, isTimeZone, type WallTime, wallTimeAt } from "../time/zone.js";

type Component = InstanceType<typeof ICAL.Component>;
type Time = InstanceType<typeof ICAL.Time>;
type Property = InstanceType<typeof ICAL.Property>;

export class IcsError extends Error {}

/** What the platform writes and reads of an event. */
export interface EventFields {
  uid: string;
  summary: string;
  /** Instants (ms). For an all-day event: midnight of the first day and of the day after. */
  start: number;
  end: number;
  allDay: boolean;
  /** The zone the event is written in (its DTSTART TZID). */
  timeZone: string;
  /** RRULE value, e.g. "FREQ=WEEKLY;BYDAY=MO". */
  rrule?: string;
  location?: string;
  description?: string;
  /** "Remind me N minutes before": a VALARM with TRIGGER:-PTNM. */
  reminderMinutes?: number;
}

/** One occurrence of an event inside a range. */
export interface Occurrence {
  uid: string;
  summary: string;
  start: number;
  end: number;
  allDay: boolean;
  /** Part of a recurring series; `recurrenceId` names the instance (its original start). */
  recurring: boolean;
  recurrenceId?: number;
  location?: string;
  reminderMinutes?: number;
}

const PRODID = "-//Clover//Schedule 1.0//EN";
/** Beyond this many instances a rule stops being expanded (a FREQ=SECONDLY guard). */
const MAX_STEPS = 50_000;
/**
 * CPU time one rule may take to expand, and one question all its rules together: a hostile
 * rule (FREQ=SECONDLY;COUNT=1000000000, a daily rule from the year 1, a MINUTELY rule with
 * BYSETPOS) costs ical.js milliseconds per step and would hold the process for seconds.
 */
const RULE_BUDGET_MS = 100;
const CALL_BUDGET_MS = 1000;
/** How many steps run between two looks at the clock. */
const CLOCK_EVERY = 16;
/** The largest instant a Date holds (ms): an end past it cannot be said or written. */
const MAX_INSTANT = 8.64e15;

/** The iterator of an event's rule; a rule ical.js cannot expand is the document's mistake. */
function iteratorOf(rule: InstanceType<typeof ICAL.Recur>, start: Time) {
  try {
    return rule.iterator(start);
  } catch (error) {
    throw new IcsError(`RRULE: ${(error as Error).message}`);
  }
}

export function parseCalendar(text: string): Component {
  let parsed: unknown;
  try {
    parsed = ICAL.parse(text);
  } catch (error) {
    throw new IcsError(`not an iCalendar document: ${(error as Error).message}`);
  }
  const jcal = Array.isArray(parsed) && typeof parsed[0] === "string" ? parsed : undefined;
  if (!jcal) throw new IcsError("not an iCalendar document: expected one VCALENDAR");
  const root = new ICAL.Component(jcal as unknown[]);
  if (root.name !== "vcalendar") throw new IcsError("not an iCalendar document: no VCALENDAR");
  return root;
}

/** The date-time properties that may name a time zone (RFC 5545 §3.2.19 TZID). */
const ZONED = ["dtstart", "dtend", "recurrence-id", "exdate", "rdate"] as const;

/**
 * Every TZID an event names is an IANA zone or one a VTIMEZONE of its calendar describes. A
 * time in a zone nobody describes cannot be placed (read as UTC it would be hours off, silently),
 * so the calendar object is refused (docs/schedule.md "iCalendar support").
 */
function checkZones(root: Component, event: Component): void {
  const described = new Set(
    root.getAllSubcomponents("vtimezone").map((zone) => String(zone.getFirstPropertyValue("tzid"))),
  );
  for (const name of ZONED)
    for (const prop of event.getAllProperties(name)) {
      const tzid = prop.getParameter("tzid");
      if (typeof tzid !== "string" || isTimeZone(tzid) || described.has(tzid)) continue;
      const uid = event.getFirstPropertyValue("uid");
      throw new IcsError(
        `event ${String(uid)}: ${name.toUpperCase()};TZID=${tzid} is an unknown time zone (not an IANA name, and no VTIMEZONE of the calendar describes it)`,
      );
    }
}

/**
 * Splits a calendar (an import) into calendar objects, one per UID, each a VCALENDAR text
 * with the VTIMEZONEs it refers to. Events without a UID get one.
 */
export function splitObjects(text: string, newUid: () => string): Map<string, string> {
  const root = parseCalendar(text);
  const zones = root.getAllSubcomponents("vtimezone");
  const byUid = new Map<string, Component[]>();
  for (const event of root.getAllSubcomponents("vevent")) {
    let uid = event.getFirstPropertyValue("uid");
    if (typeof uid !== "string" || uid === "") {
      uid = newUid();
      event.updatePropertyWithValue("uid", uid);
    }
    if (!event.getFirstProperty("dtstart"))
      throw new IcsError(`event ${uid} has no DTSTART (RFC 5545 §3.6.1)`);
    const list = byUid.get(uid) ?? [];
    list.push(event);
    byUid.set(uid, list);
  }
  const objects = new Map<string, string>();
  for (const [uid, events] of byUid) {
    const calendar = newCalendar();
    const used = new Set<string>();
    for (const event of events)
      for (const name of ZONED)
        for (const prop of event.getAllProperties(name)) {
          const tzid = prop.getParameter("tzid");
          if (typeof tzid === "string") used.add(tzid);
        }
    for (const zone of zones)
      if (used.has(String(zone.getFirstPropertyValue("tzid"))))
        calendar.addSubcomponent(new ICAL.Component(structuredClone(zone.toJSON())));
    for (const event of events) calendar.addSubcomponent(event);
    objects.set(uid, calendar.toString());
  }
  return objects;
}

/** Joins calendar objects into one VCALENDAR (an export), each VTIMEZONE once. */
export function joinObjects(objects: Iterable<string>): string {
  const calendar = newCalendar();
  const zones = new Set<string>();
  for (const text of objects) {
    const root = parseCalendar(text);
    for (const zone of root.getAllSubcomponents("vtimezone")) {
      const id = String(zone.getFirstPropertyValue("tzid"));
      if (zones.has(id)) continue;
      zones.add(id);
      calendar.addSubcomponent(zone);
    }
    for (const event of root.getAllSubcomponents("vevent")) calendar.addSubcomponent(event);
  }
  return calendar.toString();
}

function newCalendar(): Component {
  const calendar = new ICAL.Component(["vcalendar", [], []]);
  calendar.updatePropertyWithValue("prodid", PRODID);
  calendar.updatePropertyWithValue("version", "2.0");
  return calendar;
}

function utcTime(instant: number): Time {
  return ICAL.Time.fromJSDate(new Date(instant), true);
}

function wallToTime(wall: WallTime, isDate: boolean): Time {
  return ICAL.Time.fromData({
    year: wall.year,
    month: wall.month,
    day: wall.day,
    hour: isDate ? 0 : wall.hour,
    minute: isDate ? 0 : wall.minute,
    second: isDate ? 0 : wall.second,
    isDate,
  });
}

function setTime(event: Component, name: string, instant: number, fields: EventFields): void {
  event.removeAllProperties(name);
  const prop = new ICAL.Property(name, event);
  const wall = wallTimeAt(instant, fields.timeZone);
  if (fields.allDay) {
    prop.setValue(wallToTime(wall, true));
  } else {
    prop.setParameter("tzid", fields.timeZone);
    prop.setValue(wallToTime(wall, false));
  }
  event.addProperty(prop);
}

/** A new calendar object holding one event. */
export function eventToIcs(fields: EventFields, now: number): string {
  const calendar = newCalendar();
  const event = new ICAL.Component("vevent");
  event.updatePropertyWithValue("uid", fields.uid);
  event.updatePropertyWithValue("dtstamp", utcTime(now));
  event.updatePropertyWithValue("created", utcTime(now));
  writeFields(event, fields, now);
  calendar.addSubcomponent(event);
  return calendar.toString();
}

function writeFields(event: Component, fields: EventFields, now: number): void {
  event.updatePropertyWithValue("summary", fields.summary);
  setTime(event, "dtstart", fields.start, fields);
  event.removeAllProperties("duration");
  setTime(event, "dtend", fields.end, fields);
  if (fields.rrule) event.updatePropertyWithValue("rrule", ICAL.Recur.fromString(fields.rrule));
  if (fields.location) event.updatePropertyWithValue("location", fields.location);
  if (fields.description) event.updatePropertyWithValue("description", fields.description);
  event.updatePropertyWithValue("last-modified", utcTime(now));
  for (const alarm of event.getAllSubcomponents("valarm")) event.removeSubcomponent(alarm);
  if (fields.reminderMinutes !== undefined) {
    const alarm = new ICAL.Component("valarm");
    alarm.updatePropertyWithValue("action", "DISPLAY");
    alarm.updatePropertyWithValue("description", fields.summary);
    alarm.updatePropertyWithValue(
      "trigger",
      ICAL.Duration.fromSeconds(-fields.reminderMinutes * 60),
    );
    event.addSubcomponent(alarm);
  }
  const sequence = Number(event.getFirstPropertyValue("sequence") ?? 0);
  event.updatePropertyWithValue("sequence", Number.isFinite(sequence) ? sequence + 1 : 1);
}

// ---- reading ------------------------------------------------------------------------------

interface Timing {
  /** Wall-clock start, and how to turn a wall time of this event into an instant. */
  wall: WallTime;
  isDate: boolean;
  place: (wall: WallTime, isDate: boolean) => number;
}

function wallOf(time: Time): WallTime {
  return {
    year: time.year,
    month: time.month,
    day: time.day,
    hour: time.isDate ? 0 : time.hour,
    minute: time.isDate ? 0 : time.minute,
    second: time.isDate ? 0 : time.second,
  };
}

/** How a DATE-TIME property is placed on the timeline (RFC 5545 §3.3.5 forms 1–3). */
function placer(prop: Property, time: Time, userZone: string): Timing["place"] {
  const tzid = prop.getParameter("tzid");
  if (time.isDate) return (wall) => instantOf(wall, userZone);
  if (typeof tzid === "string") {
    if (isTimeZone(tzid)) return (wall) => instantOf(wall, tzid);
    // A zone only its VTIMEZONE describes (e.g. a Windows name): ical.js reads it.
    return (wall) => {
      const t = wallToTime(wall, false);
      t.zone = time.zone;
      const seconds = t.toUnixTime();
      return Number.isFinite(seconds) ? seconds * 1000 : instantOf(wall, userZone);
    };
  }
  if (time.zone === ICAL.Timezone.utcTimezone) return (wall) => instantOf(wall, "UTC");
  return (wall) => instantOf(wall, userZone);
}

function timingOf(event: Component, name: string, userZone: string): Timing | undefined {
  const prop = event.getFirstProperty(name);
  if (!prop) return undefined;
  const time = prop.getFirstValue() as Time | null;
  if (!time || typeof time !== "object" || !("year" in time)) return undefined;
  return { wall: wallOf(time), isDate: time.isDate, place: placer(prop, time, userZone) };
}

function instantsOf(event: Component, name: string, userZone: string): number[] {
  const found: number[] = [];
  for (const prop of event.getAllProperties(name))
    for (const value of prop.getValues() as unknown[]) {
      const time = (
        value && typeof value === "object" && "start" in value
          ? (value as { start: Time }).start
          : value
      ) as Time;
      if (!time || typeof time !== "object" || !("year" in time)) continue;
      found.push(placer(prop, time, userZone)(wallOf(time), time.isDate));
    }
  return found;
}

function durationOf(event: Component, start: Timing, userZone: string): number {
  const end = timingOf(event, "dtend", userZone);
  const startAt = start.place(start.wall, start.isDate);
  if (end) return Math.max(0, end.place(end.wall, end.isDate) - startAt);
  const duration = event.getFirstPropertyValue("duration");
  if (duration && typeof duration === "object" && "toSeconds" in duration)
    return (duration as { toSeconds(): number }).toSeconds() * 1000;
  return start.isDate ? 86_400_000 : 0;
}

function reminderOf(event: Component): number | undefined {
  for (const alarm of event.getAllSubcomponents("valarm")) {
    const trigger = alarm.getFirstPropertyValue("trigger");
    if (trigger && typeof trigger === "object" && "toSeconds" in trigger) {
      const seconds = (trigger as { toSeconds(): number }).toSeconds();
      if (seconds <= 0) return Math.round(-seconds / 60);
    }
  }
  return undefined;
}

function textOf(event: Component, name: string): string | undefined {
  const value = event.getFirstPropertyValue(name);
  return typeof value === "string" && value !== "" ? value : undefined;
}

function occurrenceOf(
  event: Component,
  uid: string,
  start: number,
  duration: number,
  allDay: boolean,
  recurrenceId: number | undefined,
): Occurrence {
  const location = textOf(event, "location");
  const reminder = reminderOf(event);
  return {
    uid,
    summary: textOf(event, "summary") ?? "",
    start,
    end: start + duration,
    allDay,
    recurring: recurrenceId !== undefined,
    ...(recurrenceId === undefined ? {} : { recurrenceId }),
    ...(location ? { location } : {}),
    ...(reminder === undefined ? {} : { reminderMinutes: reminder }),
  };
}

function cancelled(event: Component): boolean {
  return String(event.getFirstPropertyValue("status") ?? "").toUpperCase() === "CANCELLED";
}

/** Every occurrence of a calendar object overlapping [from, to), in start order. */
export function expand(text: string, from: number, to: number, userZone: string): Occurrence[] {
  return expandCalendar(parsedOnce(text), from, to, userZone);
}

/** Parsed calendar objects by their text: questions read the same objects again and again. */
const parsed = new Map<string, Component>();
const PARSED_LIMIT = 20_000;

/** A parse shared by readers (never changed: changes parse their own copy). */
function parsedOnce(text: string): Component {
  let found = parsed.get(text);
  if (!found) {
    found = parseCalendar(text);
    if (parsed.size >= PARSED_LIMIT) parsed.delete(parsed.keys().next().value as string);
    parsed.set(text, found);
  }
  return found;
}

export function expandCalendar(
  root: Component,
  from: number,
  to: number,
  userZone: string,
): Occurrence[] {
  const events = root.getAllSubcomponents("vevent");
  const masters = events.filter((e) => !e.getFirstProperty("recurrence-id"));
  const overrides = events.filter((e) => e.getFirstProperty("recurrence-id"));
  const found: Occurrence[] = [];
  const overlaps = (start: number, end: number) =>
    start < to && end <= MAX_INSTANT && (end > from || (end === start && start >= from));
  const callDeadline = performance.now() + CALL_BUDGET_MS;
  for (const master of masters) {
    try {
      expandEvent(master);
    } catch {
      // An event that cannot be expanded (a rule ical.js refuses) is left out, not the rest.
    }
  }
  function expandEvent(master: Component) {
    const uid = String(master.getFirstPropertyValue("uid") ?? "");
    const start = timingOf(master, "dtstart", userZone);
    if (!start || cancelled(master)) return;
    const duration = durationOf(master, start, userZone);
    const rule = master.getFirstPropertyValue("rrule");
    const rdates = instantsOf(master, "rdate", userZone);
    const first = start.place(start.wall, start.isDate);
    if (!rule && rdates.length === 0) {
      if (overlaps(first, first + duration))
        found.push(occurrenceOf(master, uid, first, duration, start.isDate, undefined));
      return;
    }
    const excluded = new Set(instantsOf(master, "exdate", userZone));
    const replaced = new Map<number, Component>();
    for (const override of overrides) {
      if (String(override.getFirstPropertyValue("uid") ?? "") !== uid) continue;
      const id = timingOf(override, "recurrence-id", userZone);
      if (id) replaced.set(id.place(id.wall, id.isDate), override);
    }
    const instances = new Set<number>([first, ...rdates]);
    if (rule && typeof rule === "object" && "iterator" in rule) {
      const iterator = iteratorOf(
        rule as InstanceType<typeof ICAL.Recur>,
        wallToTime(start.wall, start.isDate),
      );
      const deadline = Math.min(performance.now() + RULE_BUDGET_MS, callDeadline);
      for (let step = 0; step < MAX_STEPS; step++) {
        if (step % CLOCK_EVERY === 0 && step > 0 && performance.now() > deadline) break;
        const next = iterator.next();
        if (!next) break;
        const wall = wallOf(next);
        // Placing a wall time in a zone costs a few Intl calls: skip what is surely too early
        // (no zone is more than a day from UTC, and the event's length is known).
        const rough = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
        if (rough + duration < from - 2 * 86_400_000) continue;
        const at = start.place(wall, start.isDate);
        if (at >= to) break;
        if (at + duration >= from) instances.add(at);
      }
    }
    for (const at of [...instances].sort((a, b) => a - b)) {
      if (excluded.has(at)) continue;
      const override = replaced.get(at);
      if (override) continue; // placed below, wherever it moved to
      if (overlaps(at, at + duration))
        found.push(occurrenceOf(master, uid, at, duration, start.isDate, at));
    }
    for (const [id, override] of replaced) {
      if (cancelled(override) || excluded.has(id)) continue;
      const moved = timingOf(override, "dtstart", userZone);
      if (!moved) continue;
      const at = moved.place(moved.wall, moved.isDate);
      const length = durationOf(override, moved, userZone);
      if (overlaps(at, at + length))
        found.push(occurrenceOf(override, uid, at, length, moved.isDate, id));
    }
  }
  // Overridden instances whose master is elsewhere (a CalDAV object always has it; an odd
  // import may not): shown as single events.
  for (const override of overrides) {
    const uid = String(override.getFirstPropertyValue("uid") ?? "");
    if (masters.some((m) => m.getFirstPropertyValue("uid") === uid)) continue;
    const start = timingOf(override, "dtstart", userZone);
    if (!start || cancelled(override)) continue;
    const at = start.place(start.wall, start.isDate);
    const length = durationOf(override, start, userZone);
    if (overlaps(at, at + length))
      found.push(occurrenceOf(override, uid, at, length, start.isDate, undefined));
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The span an object can occupy, for indexing: first start, and last end (null: unbounded). */
export function spanOf(text: string, userZone: string): { first: number; last: number | null } {
  const root = parseCalendar(text);
  let first = Number.POSITIVE_INFINITY;
  let last: number | null = Number.NEGATIVE_INFINITY;
  for (const event of root.getAllSubcomponents("vevent")) {
    checkZones(root, event);
    const start = timingOf(event, "dtstart", userZone);
    if (!start) continue;
    const at = start.place(start.wall, start.isDate);
    const duration = durationOf(event, start, userZone);
    first = Math.min(first, at);
    const rule = event.getFirstPropertyValue("rrule") as InstanceType<typeof ICAL.Recur> | null;
    const rdates = instantsOf(event, "rdate", userZone);
    let end = Math.max(at, ...rdates) + duration;
    if (rule) {
      // A rule ical.js cannot expand is refused here, where objects are read and imported.
      const iterator = iteratorOf(rule, wallToTime(start.wall, start.isDate));
      if (rule.until) end = Math.max(end, rule.until.toUnixTime() * 1000 + duration + 86_400_000);
      else if (rule.count) {
        const deadline = performance.now() + RULE_BUDGET_MS;
        let lastWall: Time | null = null;
        let ended = false;
        for (let step = 0; step < MAX_STEPS; step++) {
          if (step % CLOCK_EVERY === 0 && step > 0 && performance.now() > deadline) break;
          const next = iterator.next();
          if (!next) {
            ended = true;
            break;
          }
          lastWall = next;
        }
        // A count not reached within the budget: the series is indexed as unbounded.
        if (!ended) end = Number.POSITIVE_INFINITY;
        else if (lastWall) end = Math.max(end, start.place(wallOf(lastWall), false) + duration);
      } else end = Number.POSITIVE_INFINITY;
    }
    if (Math.abs(at) > MAX_INSTANT || (Number.isFinite(end) && Math.abs(end) > MAX_INSTANT))
      throw new IcsError(
        "DTSTART, DTEND or DURATION: the event starts or ends past what a date holds (the year 275760)",
      );
    if (last !== null) last = Math.max(last, end);
    if (last === Number.POSITIVE_INFINITY) last = null;
  }
  if (!Number.isFinite(first)) throw new IcsError("the calendar object has no event with a start");
  return { first, last: last === null || !Number.isFinite(last) ? null : last };
}

/** The UID of a calendar object (all its events share one). */
export function uidOf(text: string): string {
  const root = parseCalendar(text);
  const uid = root.getFirstSubcomponent("vevent")?.getFirstPropertyValue("uid");
  if (typeof uid !== "string" || uid === "") throw new IcsError("the event has no UID");
  return uid;
}

// ---- changing -----------------------------------------------------------------------------

export interface Change {
  summary?: string;
  start?: number;
  end?: number;
  reminderMinutes?: number;
}

/**
 * Changes one occurrence (recurrenceId given: an overridden instance, RFC 5545 §3.8.4.4) or
 * the whole event, keeping everything the platform does not know about.
 */
export function changeEvent(
  text: string,
  recurrenceId: number | undefined,
  change: Change,
  userZone: string,
  now: number,
): string {
  const root = parseCalendar(text);
  const events = root.getAllSubcomponents("vevent");
  const master = events.find((e) => !e.getFirstProperty("recurrence-id")) ?? events[0];
  if (!master) throw new IcsError("the calendar object has no event");
  let target = master;
  const masterStart = timingOf(master, "dtstart", userZone);
  if (!masterStart) throw new IcsError("the event has no DTSTART");
  if (recurrenceId !== undefined && (master.getFirstProperty("rrule") || events.length > 1)) {
    const existing = events.find((e) => {
      const id = timingOf(e, "recurrence-id", userZone);
      return id && id.place(id.wall, id.isDate) === recurrenceId;
    });
    if (existing) target = existing;
    else {
      target = new ICAL.Component(structuredClone(master.toJSON()));
      target.removeAllProperties("rrule");
      target.removeAllProperties("rdate");
      target.removeAllProperties("exdate");
      const zone = zoneOfProperty(master.getFirstProperty("dtstart")!, userZone);
      const duration = durationOf(master, masterStart, userZone);
      const id = new ICAL.Property("recurrence-id", target);
      if (zone !== "UTC" && !masterStart.isDate) id.setParameter("tzid", zone);
      id.setValue(wallToTime(wallTimeAt(recurrenceId, zone), masterStart.isDate));
      target.addProperty(id);
      const fields = { allDay: masterStart.isDate, timeZone: zone };
      setTime(target, "dtstart", recurrenceId, fields as EventFields);
      target.removeAllProperties("duration");
      setTime(target, "dtend", recurrenceId + duration, fields as EventFields);
      root.addSubcomponent(target);
    }
  }
  const timing = timingOf(target, "dtstart", userZone)!;
  const zone = zoneOfProperty(target.getFirstProperty("dtstart")!, userZone);
  const oldStart = timing.place(timing.wall, timing.isDate);
  const duration = durationOf(target, timing, userZone);
  const fields = { allDay: timing.isDate && change.start === undefined, timeZone: zone };
  if (change.start !== undefined) {
    setTime(target, "dtstart", change.start, fields as EventFields);
    target.removeAllProperties("duration");
    setTime(target, "dtend", change.end ?? change.start + duration, fields as EventFields);
  } else if (change.end !== undefined) {
    target.removeAllProperties("duration");
    setTime(target, "dtend", change.end, fields as EventFields);
  }
  void oldStart;
  if (change.summary !== undefined) target.updatePropertyWithValue("summary", change.summary);
  if (change.reminderMinutes !== undefined) {
    for (const alarm of target.getAllSubcomponents("valarm")) target.removeSubcomponent(alarm);
    const alarm = new ICAL.Component("valarm");
    alarm.updatePropertyWithValue("action", "DISPLAY");
    alarm.updatePropertyWithValue("description", textOf(target, "summary") ?? "");
    alarm.updatePropertyWithValue(
      "trigger",
      ICAL.Duration.fromSeconds(-change.reminderMinutes * 60),
    );
    target.addSubcomponent(alarm);
  }
  bump(target, now);
  return root.toString();
}

/** Removes one occurrence of a recurring event (EXDATE), keeping the rest of the series. */
export function excludeOccurrence(
  text: string,
  recurrenceId: number,
  userZone: string,
  now: number,
): string {
  const root = parseCalendar(text);
  const events = root.getAllSubcomponents("vevent");
  const master = events.find((e) => !e.getFirstProperty("recurrence-id"));
  if (!master) throw new IcsError("the calendar object has no master event");
  for (const override of events) {
    const id = timingOf(override, "recurrence-id", userZone);
    if (id && id.place(id.wall, id.isDate) === recurrenceId) root.removeSubcomponent(override);
  }
  const start = timingOf(master, "dtstart", userZone)!;
  const zone = zoneOfProperty(master.getFirstProperty("dtstart")!, userZone);
  const exdate = new ICAL.Property("exdate", master);
  if (zone !== "UTC" && !start.isDate) exdate.setParameter("tzid", zone);
  exdate.setValue(wallToTime(wallTimeAt(recurrenceId, zone), start.isDate));
  master.addProperty(exdate);
  bump(master, now);
  return root.toString();
}

function zoneOfProperty(prop: Property, userZone: string): string {
  const tzid = prop.getParameter("tzid");
  if (typeof tzid === "string" && isTimeZone(tzid)) return tzid;
  const time = prop.getFirstValue() as Time;
  if (time && !time.isDate && time.zone === ICAL.Timezone.utcTimezone) return "UTC";
  return userZone;
}

function bump(event: Component, now: number): void {
  event.updatePropertyWithValue("dtstamp", utcTime(now));
  event.updatePropertyWithValue("last-modified", utcTime(now));
  const sequence = Number(event.getFirstPropertyValue("sequence") ?? 0);
  event.updatePropertyWithValue("sequence", Number.isFinite(sequence) ? sequence + 1 : 1);
}
