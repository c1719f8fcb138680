// One behaviour suite for both calendars (embedded and CalDAV): the same questions and changes
// must give the same answers, recurrence and exceptions included, across a DST change.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CalendarError } from "../../../src/abilities/schedule/calendar.js";
import type { Schedule } from "../../../src/abilities/schedule/schedule.js";

export interface BackendFixture {
  schedule: Schedule;
  /** Another client changes an object directly (the user's phone, another node). */
  writeElsewhere(uid: string, ics: string): Promise<void>;
  close(): Promise<void>;
}

const BERLIN = "Europe/Berlin";
const iso = (ms: number) => new Date(ms).toISOString();

/** An iCalendar document as another calendar app writes it: RRULE, EXDATE and a moved one. */
export const PHONE_ICS = [
  "BEGIN:VCALENDAR",
  "VERSION:2.0",
  "PRODID:-//Phone//Calendar//EN",
  "BEGIN:VEVENT",
  "UID:yoga-series@phone",
  "DTSTAMP:20261001T000000Z",
  "DTSTART;TZID=Europe/Berlin:20261014T183000",
  "DTEND;TZID=Europe/Berlin:20261014T193000",
  "RRULE:FREQ=WEEKLY;BYDAY=WE;COUNT=6",
  "EXDATE;TZID=Europe/Berlin:20261021T183000",
  "SUMMARY:Yoga",
  "END:VEVENT",
  "BEGIN:VEVENT",
  "UID:yoga-series@phone",
  "DTSTAMP:20261001T000000Z",
  "RECURRENCE-ID;TZID=Europe/Berlin:20261104T183000",
  "DTSTART;TZID=Europe/Berlin:20261105T190000",
  "DTEND;TZID=Europe/Berlin:20261105T200000",
  "SUMMARY:Yoga (Thursday this time)",
  "END:VEVENT",
  "BEGIN:VEVENT",
  "UID:holiday@phone",
  "DTSTAMP:20261001T000000Z",
  "DTSTART;VALUE=DATE:20261103",
  "DTEND;VALUE=DATE:20261104",
  "SUMMARY:Day off",
  "END:VEVENT",
  "END:VCALENDAR",
  "",
].join("\r\n");

export function backendSuite(name: string, setup: () => Promise<BackendFixture>): void {
  describe(`calendar backend: ${name}`, () => {
    let f: BackendFixture;
    before(async () => {
      f = await setup();
    });
    after(() => f?.close());

    it("stores an event and finds it in the range it falls in", async () => {
      const start = Date.UTC(2026, 11, 10, 14, 0);
      const added = await f.schedule.add({
        summary: "Dentist",
        start,
        end: start + 3_600_000,
        allDay: false,
        timeZone: BERLIN,
        reminderMinutes: 10,
      });
      assert.equal(added.start, start);
      const day = await f.schedule.occurrences(
        Date.UTC(2026, 11, 9, 23),
        Date.UTC(2026, 11, 10, 23),
        BERLIN,
      );
      assert.deepEqual(
        day.map((o) => [o.summary, iso(o.start), o.reminderMinutes]),
        [["Dentist", "2026-12-10T14:00:00.000Z", 10]],
      );
      const before = await f.schedule.occurrences(
        Date.UTC(2026, 11, 8),
        Date.UTC(2026, 11, 9),
        BERLIN,
      );
      assert.deepEqual(before, []);
    });

    it("expands a weekly event at the same wall time across the end of DST", async () => {
      const start = Date.UTC(2026, 9, 12, 8, 0); // Monday Oct 12, 10:00 CEST
      await f.schedule.add({
        summary: "Team meeting",
        start,
        end: start + 3_600_000,
        allDay: false,
        timeZone: BERLIN,
        rrule: "FREQ=WEEKLY;BYDAY=MO",
      });
      const list = await f.schedule.occurrences(
        Date.UTC(2026, 9, 18),
        Date.UTC(2026, 10, 3),
        BERLIN,
      );
      const meetings = list.filter((o) => o.summary === "Team meeting");
      // Oct 19 is CEST (UTC+2), Oct 26 and Nov 2 are CET (UTC+1): 10:00 local every time.
      assert.deepEqual(
        meetings.map((o) => iso(o.start)),
        ["2026-10-19T08:00:00.000Z", "2026-10-26T09:00:00.000Z", "2026-11-02T09:00:00.000Z"],
      );
      assert.ok(meetings.every((o) => o.recurring));
    });

    it("cancels one occurrence (EXDATE) and moves another (an overridden instance)", async () => {
      const window = [Date.UTC(2026, 9, 25), Date.UTC(2026, 10, 10)] as const;
      let meetings = (await f.schedule.occurrences(...window, BERLIN)).filter(
        (o) => o.summary === "Team meeting",
      );
      const oct26 = meetings.find((o) => iso(o.start) === "2026-10-26T09:00:00.000Z")!;
      await f.schedule.cancel(oct26, false, BERLIN);
      const nov2 = meetings.find((o) => iso(o.start) === "2026-11-02T09:00:00.000Z")!;
      await f.schedule.change(nov2, { start: nov2.start + 3_600_000 }, BERLIN);
      meetings = (await f.schedule.occurrences(...window, BERLIN)).filter(
        (o) => o.summary === "Team meeting",
      );
      assert.deepEqual(
        meetings.map((o) => iso(o.start)),
        ["2026-11-02T10:00:00.000Z", "2026-11-09T09:00:00.000Z"],
      );
    });

    it("imports another app's calendar with its exceptions, and exports it back", async () => {
      const result = await f.schedule.importIcs(PHONE_ICS);
      assert.deepEqual(result, { created: 2, replaced: 0 });
      const list = await f.schedule.occurrences(
        Date.UTC(2026, 9, 1),
        Date.UTC(2026, 11, 1),
        BERLIN,
      );
      const yoga = list.filter((o) => o.uid === "yoga-series@phone");
      assert.deepEqual(
        yoga.map((o) => [iso(o.start), o.summary]),
        [
          ["2026-10-14T16:30:00.000Z", "Yoga"],
          // Oct 21 excluded; Oct 28 after the DST change: 18:30 CET
          ["2026-10-28T17:30:00.000Z", "Yoga"],
          ["2026-11-05T18:00:00.000Z", "Yoga (Thursday this time)"],
          ["2026-11-11T17:30:00.000Z", "Yoga"],
          ["2026-11-18T17:30:00.000Z", "Yoga"],
        ],
      );
      const dayOff = list.find((o) => o.uid === "holiday@phone")!;
      assert.equal(dayOff.allDay, true);
      assert.equal(iso(dayOff.start), "2026-11-02T23:00:00.000Z");
      const exported = await f.schedule.exportIcs();
      for (const line of [
        "UID:yoga-series@phone",
        "RRULE:FREQ=WEEKLY;BYDAY=WE;COUNT=6",
        "EXDATE;TZID=Europe/Berlin:20261021T183000",
        "RECURRENCE-ID;TZID=Europe/Berlin:20261104T183000",
        "SUMMARY:Day off",
      ])
        assert.ok(exported.includes(line), `export keeps ${line}`);
      const again = await f.schedule.importIcs(exported);
      assert.equal(again.created, 0);
      assert.ok(again.replaced >= 4);
    });

    it("sees a change made elsewhere and refuses to overwrite it", async () => {
      const [dentist] = (
        await f.schedule.occurrences(Date.UTC(2026, 11, 10), Date.UTC(2026, 11, 11), BERLIN)
      ).filter((o) => o.summary === "Dentist");
      assert.ok(dentist);
      const read = await f.schedule.backend.get(dentist.uid);
      assert.ok(read);
      await f.writeElsewhere(
        dentist.uid,
        read.ics.replace("SUMMARY:Dentist", "SUMMARY:Dentist (Dr. Ito)"),
      );
      const seen = await f.schedule.occurrences(
        Date.UTC(2026, 11, 10),
        Date.UTC(2026, 11, 11),
        BERLIN,
      );
      assert.ok(
        seen.some((o) => o.summary === "Dentist (Dr. Ito)"),
        JSON.stringify(seen),
      );
      await assert.rejects(
        f.schedule.backend.put(dentist.uid, read.ics, read.etag),
        (error: unknown) => error instanceof CalendarError && error.code === "conflict",
      );
      await assert.rejects(
        f.schedule.backend.put(dentist.uid, read.ics, null),
        (error: unknown) => error instanceof CalendarError && error.code === "conflict",
      );
    });

    it("deletes a whole event", async () => {
      const [dentist] = (
        await f.schedule.occurrences(Date.UTC(2026, 11, 10), Date.UTC(2026, 11, 11), BERLIN)
      ).filter((o) => o.summary.startsWith("Dentist"));
      await f.schedule.cancel(dentist!, true, BERLIN);
      const after = await f.schedule.occurrences(
        Date.UTC(2026, 11, 10),
        Date.UTC(2026, 11, 11),
        BERLIN,
      );
      assert.deepEqual(
        after.filter((o) => o.summary.startsWith("Dentist")),
        [],
      );
      assert.equal(await f.schedule.backend.get(dentist!.uid), undefined);
    });
  });
}
