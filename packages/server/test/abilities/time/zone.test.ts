// The shared wall-clock helpers of the alerts and schedule abilities: reading the clock of a
// zone, turning a local time into an instant across both DST changes (north and south), the
// offset written into ISO times, and local dates.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { addDays, dateStart, localDate, shiftDate } from "../../../src/abilities/time/date.js";
import {
  instantOf,
  isoWithOffset,
  isTimeZone,
  wallTimeAt,
  zoneOffset,
} from "../../../src/abilities/time/zone.js";

const at = (iso: string) => Date.parse(iso);

describe("shared time-zone helpers", () => {
  it("reads the wall clock and the weekday of a zone", () => {
    assert.deepEqual(wallTimeAt(at("2026-12-04T15:30:05Z"), "Asia/Tokyo"), {
      year: 2026,
      month: 12,
      day: 5,
      hour: 0,
      minute: 30,
      second: 5,
      weekday: 6,
    });
    assert.equal(wallTimeAt(at("2026-12-04T23:59:59Z"), "UTC").hour, 23);
    assert.equal(zoneOffset(at("2026-07-01T00:00:00Z"), "Asia/Kolkata"), 5.5 * 3_600_000);
    assert.equal(isTimeZone("Europe/Berlin"), true);
    assert.equal(isTimeZone("Mars/Olympus"), false);
  });

  it("places a local time in the spring-forward gap as far after it, an overlap the first time", () => {
    const wall = { year: 2026, month: 3, day: 29, hour: 2, minute: 30, second: 0 };
    assert.equal(
      isoWithOffset(instantOf(wall, "Europe/Berlin"), "Europe/Berlin"),
      "2026-03-29T03:30:00+02:00",
    );
    const overlap = { year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0 };
    assert.equal(instantOf(overlap, "Europe/Berlin"), at("2026-10-25T00:30:00Z"));
    // Southern hemisphere: Sydney springs forward on 2026-10-04 at 02:00.
    const sydney = { year: 2026, month: 10, day: 4, hour: 2, minute: 15, second: 0 };
    assert.equal(
      isoWithOffset(instantOf(sydney, "Australia/Sydney"), "Australia/Sydney"),
      "2026-10-04T03:15:00+11:00",
    );
    const plain = { year: 2026, month: 6, day: 1, hour: 9, minute: 0, second: 0 };
    assert.equal(instantOf(plain, "America/New_York"), at("2026-06-01T13:00:00Z"));
  });

  it("writes the offset in force at that instant", () => {
    assert.equal(
      isoWithOffset(at("2026-01-15T12:00:00Z"), "America/New_York"),
      "2026-01-15T07:00:00-05:00",
    );
    assert.equal(
      isoWithOffset(at("2026-07-15T12:00:00Z"), "America/New_York"),
      "2026-07-15T08:00:00-04:00",
    );
    assert.equal(
      isoWithOffset(at("2026-07-15T12:00:00Z"), "America/St_Johns"),
      "2026-07-15T09:30:00-02:30",
    );
  });

  it("counts local dates and days", () => {
    assert.equal(localDate(at("2026-12-31T20:00:00Z"), "Asia/Seoul"), "2027-01-01");
    assert.equal(dateStart("2026-03-29", "Europe/Berlin"), at("2026-03-28T23:00:00Z"));
    assert.equal(
      dateStart("2026-03-30", "Europe/Berlin") - dateStart("2026-03-29", "Europe/Berlin"),
      23 * 3_600_000,
    );
    assert.equal(shiftDate("2026-12-30", 3), "2027-01-02");
    assert.equal(shiftDate("2024-03-01", -1), "2024-02-29");
    assert.deepEqual(addDays({ year: 2026, month: 12, day: 4 }, 3), {
      year: 2026,
      month: 12,
      day: 7,
      weekday: 1,
    });
  });
});
