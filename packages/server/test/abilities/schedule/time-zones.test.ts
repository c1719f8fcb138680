// The time zone of an imported event (docs/schedule.md "iCalendar support"): an IANA TZID and a
// zone a VTIMEZONE of the file describes place the event where its author meant; a TZID that is
// neither is refused with 400 calendar_invalid naming it, rather than read as UTC, and nothing of
// the file is stored. Through the management API of a running Clover.
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { type CloverServer, startClover } from "../../../src/main.js";
import { testCloverConfig } from "../../helpers/clover.js";
import { managementFetch } from "../../helpers/management-api.js";
import { tempDir } from "../../helpers/platform.js";

const ADMIN = "time-zones-admin";
const RANGE = "from=2026-12-01T00:00:00Z&to=2026-12-31T00:00:00Z";

/** A calendar of one event at 10:00–11:00 on 2026-12-10 in `tzid`, and any VTIMEZONE lines. */
const calendar = (uid: string, tzid: string, zone: string[] = []) =>
  [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//clover-test//EN",
    ...zone,
    "BEGIN:VEVENT",
    `UID:${uid}`,
    "DTSTAMP:20261201T000000Z",
    `DTSTART;TZID=${tzid}:20261210T100000`,
    `DTEND;TZID=${tzid}:20261210T110000`,
    "SUMMARY:team call",
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ].join("\r\n");

/** A Windows zone name, described by its VTIMEZONE (UTC+1, +2 in summer), as Outlook writes. */
const WINDOWS_ZONE = [
  "BEGIN:VTIMEZONE",
  "TZID:W. Europe Standard Time",
  "BEGIN:STANDARD",
  "DTSTART:16011028T030000",
  "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
  "TZOFFSETFROM:+0200",
  "TZOFFSETTO:+0100",
  "END:STANDARD",
  "BEGIN:DAYLIGHT",
  "DTSTART:16010325T020000",
  "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0200",
  "END:DAYLIGHT",
  "END:VTIMEZONE",
];

describe("time zones of imported events", () => {
  const dataDir = tempDir("clover-time-zones-");
  let server: CloverServer;
  let api: ReturnType<typeof managementFetch>;
  const importIcs = (user: string, ics: string) =>
    api("POST", `/api/v1/users/${user}/calendar.ics`, ics, { "content-type": "text/calendar" });
  const starts = async (user: string) => {
    const response = await api("GET", `/api/v1/users/${user}/events?${RANGE}`);
    assert.equal(response.status, 200);
    const body = (await response.json()) as { events: { uid: string; start: string }[] };
    return body.events.map((e) => `${e.uid} ${e.start}`);
  };

  before(async () => {
    server = await startClover({ config: testCloverConfig(dataDir, ADMIN) });
    api = managementFetch(server.url, ADMIN);
  });
  after(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("places an event in an IANA zone and in a zone its VTIMEZONE describes", async () => {
    const tokyo = await importIcs("zones-ok", calendar("tokyo@example.com", "Asia/Tokyo"));
    assert.equal(tokyo.status, 200, await tokyo.text());
    const windows = await importIcs(
      "zones-ok",
      calendar("outlook@example.com", "W. Europe Standard Time", WINDOWS_ZONE),
    );
    assert.equal(windows.status, 200, await windows.text());
    assert.deepEqual((await starts("zones-ok")).sort(), [
      "outlook@example.com 2026-12-10T09:00:00.000Z",
      "tokyo@example.com 2026-12-10T01:00:00.000Z",
    ]);
  });

  it("refuses a TZID that is no zone with 400 calendar_invalid naming it, and stores nothing", async () => {
    const ics = calendar("mars@example.com", "Mars/Olympus_Mons").replace(
      "END:VCALENDAR",
      [
        "BEGIN:VEVENT",
        "UID:earth@example.com",
        "DTSTAMP:20261201T000000Z",
        "DTSTART:20261211T100000Z",
        "SUMMARY:fine on its own",
        "END:VEVENT",
        "END:VCALENDAR",
      ].join("\r\n"),
    );
    const imported = await importIcs("zones-bad", ics);
    const body = (await imported.json()) as { error: { code: string; message: string } };
    assert.equal(imported.status, 400, JSON.stringify(body));
    assert.equal(body.error.code, "calendar_invalid");
    assert.match(body.error.message, /mars@example\.com: DTSTART;TZID=Mars\/Olympus_Mons/);
    assert.deepEqual(await starts("zones-bad"), [], "nothing of the file is stored");
  });
});
