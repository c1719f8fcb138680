// Wall-clock times across DST changes: the zone's offset comes from the runtime, a repeating
// "every day at 2:30" keeps its wall-clock time on both sides of a change, a time in the
// spring-forward gap rings as far after it, a time in the autumn overlap rings the first time.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { nextOccurrence } from "../../../src/abilities/alerts/time.js";
import { resolveWhen } from "../../../src/abilities/alerts/understand.js";
import { instantOf, isoWithOffset } from "../../../src/abilities/time/zone.js";

const NY = "America/New_York";

describe("alert times in the user's zone", () => {
  it("writes scheduledTime with the offset in force at that instant", () => {
    assert.equal(
      isoWithOffset(Date.parse("2026-03-07T12:00:00Z"), NY),
      "2026-03-07T07:00:00-05:00",
    );
    assert.equal(
      isoWithOffset(Date.parse("2026-03-09T12:00:00Z"), NY),
      "2026-03-09T08:00:00-04:00",
    );
    assert.equal(
      isoWithOffset(Date.parse("2026-03-07T12:00:00Z"), "Asia/Kolkata"),
      "2026-03-07T17:30:00+05:30",
    );
  });

  it("keeps 'every day at 2:30' on the wall clock across the spring and autumn changes", () => {
    const time = { hour: 2, minute: 30, second: 0 };
    const days = [1, 2, 3, 4, 5, 6, 7];
    // 2026-03-08 02:30 does not exist in New York: the alarm rings at 03:30 EDT that day.
    let at = nextOccurrence(time, NY, Date.parse("2026-03-07T12:00:00Z"), { weekdays: days });
    assert.equal(isoWithOffset(at, NY), "2026-03-08T03:30:00-04:00");
    at = nextOccurrence(time, NY, at, { weekdays: days });
    assert.equal(isoWithOffset(at, NY), "2026-03-09T02:30:00-04:00");
    // 2026-11-01 01:30 happens twice: the first (EDT) one.
    const overlap = instantOf(
      { year: 2026, month: 11, day: 1, hour: 1, minute: 30, second: 0 },
      NY,
    );
    assert.equal(isoWithOffset(overlap, NY), "2026-11-01T01:30:00-04:00");
    const after = nextOccurrence(time, NY, Date.parse("2026-10-31T12:00:00Z"), { weekdays: days });
    assert.equal(isoWithOffset(after, NY), "2026-11-01T02:30:00-05:00");
    assert.equal(after - Date.parse("2026-10-31T06:30:00Z"), 25 * 3_600_000, "a 25-hour day");
  });

  it("reads a bare hour of a reminder as the next time the clock shows it", () => {
    const now = Date.parse("2026-03-07T10:00:00Z");
    const reminder = resolveWhen("05:00:00", "UTC", now, undefined, {
      raw: "5",
      eitherHalfOfDay: true,
    });
    assert.equal(
      reminder?.kind === "at" && new Date(reminder.at).toISOString(),
      "2026-03-07T17:00:00.000Z",
    );
    const alarm = resolveWhen("05:00:00", "UTC", now, undefined, { raw: "5" });
    assert.equal(
      alarm?.kind === "at" && new Date(alarm.at).toISOString(),
      "2026-03-08T05:00:00.000Z",
    );
    const morning = resolveWhen("05:00:00", "UTC", now, undefined, {
      raw: "5 am",
      eitherHalfOfDay: true,
    });
    assert.equal(
      morning?.kind === "at" && new Date(morning.at).toISOString(),
      "2026-03-08T05:00:00.000Z",
    );
    assert.deepEqual(resolveWhen("2026-03-07T09:00:00+00:00", "UTC", now), { kind: "past" });
    assert.equal(resolveWhen("2026-03-09", "UTC", now)?.kind, "date");
  });
});
