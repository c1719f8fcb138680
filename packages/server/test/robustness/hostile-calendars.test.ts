// Calendars written to hurt (the schedule ability, docs/schedule.md): recurrence rules that
// expand forever or slowly (a daily rule from the year 1, FREQ=SECONDLY;COUNT=1000000000, a
// MINUTELY rule with BYSETPOS), a rule ical.js refuses, an event that ends past what a date
// holds. Imported through the management API like any calendar; the rules that are valid
// iCalendar are accepted and answered within a bounded time, the others are refused with 400
// naming the property — never a 500 later, never the process held for seconds while a bystander
// waits.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import type { CloverServer } from "../../src/main.js";
import { describeWait, stopwatch } from "../helpers/cpu-wait.js";
import { managementFetch } from "../helpers/management-api.js";
import { tempDir } from "../helpers/platform.js";
import { startCloverOver } from "./protocols.js";

const ADMIN = "hostile-calendars-admin";
const RANGE = "from=2026-12-01T00:00:00Z&to=2027-12-01T00:00:00Z";

const calendar = (uid: string, lines: string[]) =>
  [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//attack//EN",
    "BEGIN:VEVENT",
    `UID:${uid}`,
    ...lines,
    "SUMMARY:hostile",
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ].join("\r\n");

const EXPANDING: [string, string[]][] = [
  [
    "a daily rule from the year 1",
    ["DTSTART:00010101T000000Z", "DURATION:PT1H", "RRULE:FREQ=DAILY"],
  ],
  [
    "FREQ=SECONDLY;COUNT=1000000000",
    ["DTSTART:20261201T000000Z", "DURATION:PT1S", "RRULE:FREQ=SECONDLY;COUNT=1000000000"],
  ],
  [
    "a MINUTELY rule with BYSETPOS",
    [
      "DTSTART:20261201T000000Z",
      "DURATION:PT1M",
      "RRULE:FREQ=MINUTELY;BYDAY=MO,TU,WE,TH,FR,SA,SU;BYSETPOS=-1",
    ],
  ],
];

describe("hostile calendars", () => {
  let server: CloverServer;
  let api: ReturnType<typeof managementFetch>;
  const importIcs = (user: string, ics: string) =>
    api("POST", `/api/v1/users/${user}/calendar.ics`, ics, { "content-type": "text/calendar" });
  const events = async (user: string) => {
    const response = await api("GET", `/api/v1/users/${user}/events?${RANGE}`);
    const body = (await response.json()) as { events?: { uid: string }[] };
    return { status: response.status, body };
  };

  before(async () => {
    server = await startCloverOver(undefined, tempDir("clover-hostile-calendars-"), ADMIN);
    api = managementFetch(server.url, ADMIN);
    const planted = await importIcs(
      "bystander",
      calendar("dentist@example.com", ["DTSTART:20261210T090000Z", "DTEND:20261210T100000Z"]),
    );
    assert.equal(planted.status, 200);
  });
  after(() => server?.close());

  for (const [label, lines] of EXPANDING)
    it(`answers a year of ${label} within a bounded time`, async () => {
      const user = `evil-${label.replace(/\W+/g, "-").slice(0, 40)}`;
      const imported = await importIcs(user, calendar(`${user}@example.com`, lines));
      assert.equal(imported.status, 200, await imported.text());
      const watch = stopwatch();
      const answer = await events(user);
      // Own time: the process's, less what it waited for a CPU on a loaded machine.
      assert.ok(
        watch.ownMs() < 3000,
        `answered in ${describeWait(watch.elapsedMs(), watch.waitedMs())}`,
      );
      assert.equal(answer.status, 200, JSON.stringify(answer.body).slice(0, 200));
      const bystander = await events("bystander");
      assert.deepEqual(
        bystander.body.events?.map((e) => e.uid),
        ["dentist@example.com"],
      );
    });

  for (const [label, lines, named] of [
    [
      "a rule ical.js refuses (BYYEARDAY with BYDAY in a YEARLY rule of weeks)",
      [
        "DTSTART:20261201T000000Z",
        "DURATION:PT1H",
        `RRULE:FREQ=YEARLY;BYWEEKNO=1,2,3;BYYEARDAY=${Array.from({ length: 366 }, (_, i) => i + 1).join(",")};BYDAY=MO`,
      ],
      /RRULE/,
    ],
    [
      "a duration of 99,999,999 weeks",
      ["DTSTART:20261206T100000Z", "DURATION:P99999999W"],
      /DURATION/,
    ],
  ] as const)
    it(`refuses ${label} with 400 naming it, and keeps answering`, async () => {
      const imported = await importIcs("evil-refused", calendar("refused@example.com", [...lines]));
      const body = (await imported.json()) as { error: { code: string; message: string } };
      assert.equal(imported.status, 400, JSON.stringify(body));
      assert.equal(body.error.code, "calendar_invalid");
      assert.match(body.error.message, named);
      const after = await events("evil-refused");
      assert.equal(after.status, 200);
      assert.deepEqual(after.body.events, []);
    });
});

/** A "CalDAV server" answering every request with `body` as a 207 multistatus. */
async function davServer(body: string) {
  const server: Server = createServer((req, res) => {
    req.resume();
    res.writeHead(207, { "content-type": "application/xml; charset=utf-8" });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/dav/`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const LAUGHS = [
  '<?xml version="1.0"?>',
  "<!DOCTYPE lolz [",
  '<!ENTITY lol "lol">',
  ...Array.from(
    { length: 9 },
    (_, i) => `<!ENTITY lol${i + 2} "${`&lol${i === 0 ? "" : i + 1};`.repeat(10)}">`,
  ),
  '<!ENTITY xxe SYSTEM "file:///etc/passwd">',
  "]>",
  '<d:multistatus xmlns:d="DAV:"><d:response><d:href>&lol10;&xxe;</d:href>',
  "<d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype></d:prop>",
  "<d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>",
].join("\n");

describe("hostile CalDAV servers", () => {
  let server: CloverServer;
  before(async () => {
    server = await startCloverOver(undefined, tempDir("clover-hostile-caldav-"), ADMIN, {
      CLOVER_EXTENSION_NETWORKS: "loopback",
    });
  });
  after(() => server?.close());

  for (const [label, body] of [
    ["entity expansion (billion laughs) and an external entity", LAUGHS],
    ["a body that is not XML", "<<<this is not xml"],
  ] as const)
    it(`answers connecting a server that sends ${label} with calendar_not_found, not a 500`, async () => {
      const dav = await davServer(body);
      try {
        const api = managementFetch(server.url, ADMIN);
        const response = await api("PUT", "/api/v1/users/caldav-victim/calendar", {
          url: dav.url,
          username: "alice",
          password: "wonderland",
        });
        const answer = (await response.json()) as { error: { code: string; message: string } };
        // The multistatus is not read (sax refuses the DTD's entities; no file is opened): the
        // URL is not taken for a calendar collection, and nothing is connected.
        assert.equal(response.status, 404, JSON.stringify(answer));
        assert.equal(answer.error.code, "calendar_not_found");
        assert.match(answer.error.message, /is not a calendar collection/);
        assert.doesNotMatch(answer.error.message, /root:/, "no file was read");
        const still = await api("GET", "/api/v1/users/caldav-victim/calendar");
        assert.deepEqual(await still.json(), { kind: "embedded" });
      } finally {
        await dav.close();
      }
    });
});
