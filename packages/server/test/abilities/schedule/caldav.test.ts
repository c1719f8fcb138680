// The shared calendar behaviour suite on a real CalDAV server (Radicale on loopback), plus
// what only CalDAV has: a plain CalDAV client sees our events, wrong credentials and a server
// that is down are told apart.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  CalDavCalendar,
  type CalDavCopy,
  DEFAULT_LIMITS,
  discoverCalendar,
} from "../../../src/abilities/schedule/caldav.js";
import { CalendarError } from "../../../src/abilities/schedule/calendar.js";
import { Schedule } from "../../../src/abilities/schedule/schedule.js";
import { OutboundGuard } from "../../../src/cek/outbound-policy.js";
import {
  basic,
  freePort,
  makeCalendar,
  type Radicale,
  startRadicale,
} from "../../helpers/radicale.js";
import { backendSuite } from "./backend-suite.js";

/** Radicale runs on loopback: the policy an administrator sets for that. */
const LOOPBACK = new OutboundGuard({ networks: "loopback" });

const now = () => Date.UTC(2026, 9, 1);

backendSuite("CalDAV (Radicale)", async () => {
  const server = await startRadicale();
  const calendarUrl = await makeCalendar(server, "alice");
  const calendar = new CalDavCalendar(
    { url: calendarUrl, username: "alice", password: "wonderland" },
    new Map<string, CalDavCopy>(),
    DEFAULT_LIMITS,
    LOOPBACK,
  );
  return {
    schedule: new Schedule(calendar, now),
    async writeElsewhere(uid, ics) {
      // A plain CalDAV client: find the object's href and PUT over it.
      const object = [...(await calendar.sync()).byUid.values()].find((o) => o.uid === uid)!;
      const href = (object as unknown as { href: string }).href;
      const response = await fetch(href, {
        method: "PUT",
        headers: { authorization: basic("alice", "wonderland"), "content-type": "text/calendar" },
        body: ics,
      });
      assert.ok(response.status === 201 || response.status === 204, String(response.status));
    },
    close: () => server.stop(),
  };
});

describe("CalDAV connection", () => {
  let server: Radicale;
  let calendarUrl: string;
  before(async () => {
    server = await startRadicale({ bob: "builder" });
    calendarUrl = await makeCalendar(server, "bob", "work");
  });
  after(() => server?.stop());

  it("finds the calendar from the server's root URL (discovery)", async () => {
    const found = await discoverCalendar(
      { url: `${server.url}/`, username: "bob", password: "builder" },
      DEFAULT_LIMITS,
      LOOPBACK,
    );
    assert.equal(new URL(found.url).pathname, "/bob/work/");
  });

  it("writes events a plain CalDAV client can read", async () => {
    const calendar = new CalDavCalendar(
      { url: calendarUrl, username: "bob", password: "builder" },
      new Map(),
      DEFAULT_LIMITS,
      LOOPBACK,
    );
    const start = Date.UTC(2026, 11, 4, 12);
    const added = await new Schedule(calendar, now).add({
      summary: "Lunch with Mika",
      start,
      end: start + 3_600_000,
      allDay: false,
      timeZone: "Asia/Tokyo",
    });
    const response = await fetch(calendarUrl, {
      method: "PROPFIND",
      headers: { authorization: basic("bob", "builder"), depth: "1" },
    });
    const listing = await response.text();
    const href = /<(?:\w+:)?href>([^<]+\.ics)<\/(?:\w+:)?href>/.exec(listing)?.[1];
    assert.ok(href, listing);
    const object = await (
      await fetch(new URL(href, calendarUrl), {
        headers: { authorization: basic("bob", "builder") },
      })
    ).text();
    assert.match(object, /SUMMARY:Lunch with Mika/);
    assert.match(object, new RegExp(`UID:${added.uid}`));
    assert.match(object, /DTSTART;TZID=Asia\/Tokyo:20261204T210000/);
  });

  it("tells wrong credentials from a server that is down", async () => {
    const wrong = new CalDavCalendar(
      { url: calendarUrl, username: "bob", password: "nope" },
      new Map(),
      DEFAULT_LIMITS,
      LOOPBACK,
    );
    await assert.rejects(wrong.objectsIn(0, Date.now()), (error: unknown) => {
      assert.ok(error instanceof CalendarError);
      assert.equal(error.code, "unauthorized");
      assert.match(error.message, /refused the user name or password \(HTTP 401\)/);
      return true;
    });
    const down = new CalDavCalendar(
      { url: `http://127.0.0.1:${await freePort()}/cal/`, username: "bob", password: "builder" },
      new Map(),
      { timeoutMs: 2000, loadTimeoutMs: 2000, maxResponseBytes: 1 << 20 },
      LOOPBACK,
    );
    await assert.rejects(down.objectsIn(0, Date.now()), (error: unknown) => {
      assert.ok(error instanceof CalendarError);
      assert.equal(error.code, "unreachable");
      assert.match(error.message, /could not be reached \(ECONNREFUSED\)/);
      return true;
    });
  });
});
