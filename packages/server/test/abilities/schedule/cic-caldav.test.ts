// The user's own CalDAV calendar (Radicale on loopback) through real CIC: connected through
// the management API, an event created by voice is seen by a plain CalDAV client, changes made
// on the server are heard on the next question, and a changed password or a server that is
// down are answered clearly.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { DeviceClient } from "@clover/device";
import { basic, makeCalendar, type Radicale, startRadicale } from "../../helpers/radicale.js";
import { type CicSchedule, spoken, startCicSchedule } from "./cic.js";

const NOW = Date.UTC(2026, 11, 4, 9, 0, 0); // Friday; devices without a zone are on UTC

const phoneEvent = (uid: string, summary: string, start: string) =>
  [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Phone//EN",
    "BEGIN:VEVENT",
    `UID:${uid}`,
    "DTSTAMP:20261204T080000Z",
    `DTSTART:${start}`,
    "DURATION:PT1H",
    `SUMMARY:${summary}`,
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ].join("\r\n");

describe("schedule on a CalDAV calendar through CIC", () => {
  let radicale: Radicale;
  let calendarUrl: string;
  let cic: CicSchedule;
  let device: DeviceClient;
  let userId: string;
  const auth = () => ({ authorization: basic("alice", radicale.users["alice"]!) });

  before(async () => {
    radicale = await startRadicale({ alice: "wonderland" });
    calendarUrl = await makeCalendar(radicale, "alice", "personal");
    cic = await startCicSchedule(NOW);
    device = await cic.device("desk");
    userId = cic.userOf("desk");
    // The first turn compiles the abilities' models; keep it out of the timed questions.
    await device.sendText("read my notes");
  });
  after(async () => {
    await cic?.close();
    await radicale?.stop();
  });

  it("refuses to connect with a wrong password, then connects from the server URL", async () => {
    const path = `/api/v1/users/${userId}/calendar`;
    const wrong = await cic.admin(
      "PUT",
      path,
      JSON.stringify({ url: `${radicale.url}/`, username: "alice", password: "nope" }),
    );
    assert.equal(wrong.status, 502);
    const error = (await wrong.json()) as { error: { code: string; message: string } };
    assert.equal(error.error.code, "calendar_unauthorized");
    assert.match(error.error.message, /refused the user name or password/);
    const missing = await cic.admin("PUT", path, JSON.stringify({ url: "ftp://x", username: "" }));
    assert.equal(missing.status, 400);
    const ok = await cic.admin(
      "PUT",
      path,
      JSON.stringify({ url: `${radicale.url}/`, username: "alice", password: "wonderland" }),
    );
    assert.equal(ok.status, 200);
    const body = (await ok.json()) as { calendarUrl: string };
    assert.equal(body.calendarUrl, calendarUrl);
    const shown = (await (await cic.admin("GET", path)).json()) as Record<string, unknown>;
    assert.deepEqual(shown, {
      kind: "caldav",
      url: `${radicale.url}/`,
      username: "alice",
      calendarUrl,
    });
  });

  it("writes what was said to the user's calendar, where a plain CalDAV client reads it", async () => {
    const added = await device.sendText("add lunch with Mika tomorrow at noon");
    assert.equal(spoken(added), "OK, I added lunch with Mika tomorrow at noon.");
    const report = await fetch(calendarUrl, {
      method: "REPORT",
      headers: { ...auth(), depth: "1", "content-type": "application/xml" },
      body: '<?xml version="1.0"?><C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><C:calendar-data/></D:prop><C:filter><C:comp-filter name="VCALENDAR"/></C:filter></C:calendar-query>',
    });
    const text = await report.text();
    assert.match(text, /SUMMARY:lunch with Mika/);
    assert.match(text, /DTSTART;TZID=UTC:20261205T120000/);
  });

  it("hears changes made on the server at the next question", async () => {
    const put = await fetch(`${calendarUrl}dentist.ics`, {
      method: "PUT",
      headers: { ...auth(), "content-type": "text/calendar" },
      body: phoneEvent("dentist@phone", "Dentist", "20261205T150000Z"),
    });
    assert.equal(put.status, 201);
    const day = await device.sendText("what's on my schedule tomorrow");
    assert.equal(
      spoken(day),
      "You have 2 events tomorrow. At noon, lunch with Mika; and at 3 PM, Dentist.",
    );
    await fetch(`${calendarUrl}dentist.ics`, {
      method: "PUT",
      headers: { ...auth(), "content-type": "text/calendar" },
      body: phoneEvent("dentist@phone", "Dentist (Dr. Ito)", "20261205T160000Z"),
    });
    const again = await device.sendText("when is my dentist appointment");
    assert.equal(spoken(again), "Dentist (Dr. Ito) is tomorrow at 4 PM.");
    await fetch(`${calendarUrl}dentist.ics`, { method: "DELETE", headers: auth() });
    const gone = await device.sendText("what's on my schedule tomorrow");
    assert.equal(spoken(gone), "You have 1 event tomorrow. At noon, lunch with Mika.");
  });

  it("imports and exports iCalendar through the management API on the CalDAV calendar", async () => {
    const path = `/api/v1/users/${userId}/calendar.ics`;
    const imported = await cic.admin(
      "POST",
      path,
      phoneEvent("gym@phone", "Gym", "20261207T070000Z"),
      "text/calendar",
    );
    assert.equal(imported.status, 200);
    assert.deepEqual(await imported.json(), { created: 1, replaced: 0, calendar: "caldav" });
    const bad = await cic.admin("POST", path, "not a calendar", "text/calendar");
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { error: { message: string } }).error.message, /iCalendar/);
    const exported = await cic.admin("GET", path);
    assert.equal(exported.headers.get("content-type"), "text/calendar; charset=utf-8");
    const ics = await exported.text();
    assert.match(ics, /SUMMARY:Gym/);
    assert.match(ics, /SUMMARY:lunch with Mika/);
    const events = await cic.admin(
      "GET",
      `/api/v1/users/${userId}/events?from=2026-12-05T00:00:00Z&to=2026-12-08T00:00:00Z`,
    );
    const listed = (await events.json()) as { events: { summary: string; start: string }[] };
    assert.deepEqual(
      listed.events.map((e) => [e.summary, e.start]),
      [
        ["lunch with Mika", "2026-12-05T12:00:00.000Z"],
        ["Gym", "2026-12-07T07:00:00.000Z"],
      ],
    );
  });

  it("says clearly when the password changed and when the server is down", async () => {
    radicale.setPassword("alice", "changed-on-the-server");
    const refused = await device.sendText("what's on my schedule tomorrow");
    assert.equal(
      spoken(refused),
      "Your calendar server refused the user name or password. Please check your calendar connection in the console.",
    );
    await radicale.stop();
    const down = await device.sendText("what's on my schedule tomorrow");
    assert.equal(
      spoken(down),
      "Your calendar server isn't answering right now. Please try again later.",
    );
  });
});
