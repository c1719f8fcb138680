// A user's schedule over either backend: questions expand the calendar objects of a range in
// the user's zone; changes rewrite one object, naming the version they read (a change made
// meanwhile on the phone is a conflict, never overwritten).
import { randomUUID } from "node:crypto";
import { type CalendarBackend, CalendarError } from "./calendar.js";
import {
  type Change,
  changeEvent,
  type EventFields,
  eventToIcs,
  excludeOccurrence,
  expand,
  IcsError,
  joinObjects,
  type Occurrence,
  spanOf,
  splitObjects,
} from "./ical.js";

export type NewEvent = Omit<EventFields, "uid">;

export interface ImportResult {
  created: number;
  replaced: number;
}

export class Schedule {
  readonly backend: CalendarBackend;
  readonly #now: () => number;

  constructor(backend: CalendarBackend, now: () => number) {
    this.backend = backend;
    this.#now = now;
  }

  /** Occurrences overlapping [from, to) in start order. */
  async occurrences(from: number, to: number, timeZone: string): Promise<Occurrence[]> {
    const objects = await this.backend.objectsIn(from, to);
    const found: Occurrence[] = [];
    for (const object of objects) {
      try {
        found.push(...expand(object.ics, from, to, timeZone));
      } catch (error) {
        if (!(error instanceof IcsError)) throw error;
        // One unreadable object (written by another client) must not hide the others.
      }
    }
    return found.sort((a, b) => a.start - b.start || a.summary.localeCompare(b.summary));
  }

  async add(event: NewEvent): Promise<Occurrence> {
    if (!(event.end >= event.start))
      throw new CalendarError("invalid", "the event ends before it starts");
    const uid = `${randomUUID()}@clover`;
    const ics = eventToIcs({ ...event, uid }, this.#now());
    await this.backend.put(uid, ics, null);
    const [first] = expand(ics, event.start, event.end + 1, event.timeZone);
    return (
      first ?? {
        uid,
        summary: event.summary,
        start: event.start,
        end: event.end,
        allDay: event.allDay,
        recurring: Boolean(event.rrule),
      }
    );
  }

  /** Changes one occurrence (of a series: only that one) or a single event. */
  async change(occurrence: Occurrence, change: Change, timeZone: string): Promise<void> {
    const object = await this.#object(occurrence.uid);
    const ics = changeEvent(object.ics, occurrence.recurrenceId, change, timeZone, this.#now());
    await this.backend.put(object.uid, ics, object.etag);
  }

  /** Cancels one occurrence of a series (EXDATE), or the whole event/series. */
  async cancel(occurrence: Occurrence, whole: boolean, timeZone: string): Promise<void> {
    const object = await this.#object(occurrence.uid);
    if (occurrence.recurrenceId !== undefined && !whole) {
      const ics = excludeOccurrence(object.ics, occurrence.recurrenceId, timeZone, this.#now());
      await this.backend.put(object.uid, ics, object.etag);
      return;
    }
    await this.backend.delete(object.uid, object.etag);
  }

  /** Adds or replaces (same UID) every event of an iCalendar document. */
  async importIcs(text: string): Promise<ImportResult> {
    let objects: Map<string, string>;
    try {
      objects = splitObjects(text, () => `${randomUUID()}@clover`);
      // Every object is read whole before any is stored: a rule that cannot be expanded or an
      // end past what a date holds refuses the import, not a later question.
      for (const ics of objects.values()) spanOf(ics, "UTC");
    } catch (error) {
      if (error instanceof IcsError) throw new CalendarError("invalid", error.message);
      throw error;
    }
    const result: ImportResult = { created: 0, replaced: 0 };
    for (const [uid, ics] of objects) {
      const existing = await this.backend.get(uid);
      await this.backend.put(uid, ics, existing ? existing.etag : null);
      if (existing) result.replaced++;
      else result.created++;
    }
    return result;
  }

  async exportIcs(): Promise<string> {
    return joinObjects((await this.backend.all()).map((o) => o.ics));
  }

  async #object(uid: string) {
    const object = await this.backend.get(uid);
    if (!object) throw new CalendarError("not_found", "the event is no longer on the calendar");
    return object;
  }
}
