// `clover schedule` (import, events, export, connect, disconnect) and the alert directives of
// `clover chat`, as the real binary against `clover serve`, with a real Radicale for CalDAV.
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  basic,
  makeCalendar,
  type Radicale,
  startRadicale,
} from "../../server/test/helpers/radicale.js";
import { clover, exited, serveLocal, tempDir } from "./helpers.js";

const USER = "cli-schedule-user";
const ICS = [
  "BEGIN:VCALENDAR",
  "VERSION:2.0",
  "PRODID:-//another app//EN",
  "BEGIN:VEVENT",
  "UID:board-1@example.org",
  "DTSTAMP:20291201T000000Z",
  "DTSTART:20300110T100000Z",
  "DTEND:20300110T110000Z",
  "RRULE:FREQ=WEEKLY;COUNT=3",
  "SUMMARY:Board meeting",
  "CATEGORIES:WORK",
  "END:VEVENT",
  "END:VCALENDAR",
  "",
].join("\r\n");

describe("clover schedule and the alerts of clover chat", () => {
  const dataDir = tempDir("schedule-data");
  const configDir = tempDir("schedule-config");
  const files = tempDir("schedule-files");
  const env = { CLOVER_CONFIG_DIR: configDir };
  let child: ChildProcess;
  let radicale: Radicale;
  const run = (args: string[], extra: Record<string, string> = {}) =>
    clover(args, { env: { ...env, ...extra }, timeoutMs: 60_000 });

  before(async () => {
    ({ child } = await serveLocal(dataDir, { env }));
    radicale = await startRadicale({ carol: "s3cret" });
  });
  after(async () => {
    if (child && child.exitCode === null) {
      child.kill("SIGKILL");
      await exited(child);
    }
    await radicale?.stop();
    for (const dir of [dataDir, configDir, files]) rmSync(dir, { recursive: true, force: true });
  });

  it("imports an .ics, lists the expanded events and exports them losslessly", async () => {
    const file = join(files, "in.ics");
    writeFileSync(file, ICS);
    const imported = await run(["schedule", "import", USER, file]);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /1 added, 0 replaced \(embedded calendar\)/);
    const events = await run([
      "--json",
      "schedule",
      "events",
      USER,
      "--from",
      "2030-01-01T00:00:00Z",
      "--to",
      "2030-02-01T00:00:00Z",
    ]);
    assert.equal(events.code, 0, events.stderr);
    const list = JSON.parse(events.stdout) as { events: { summary: string }[] };
    assert.deepEqual(
      list.events.map((e) => e.summary),
      ["Board meeting", "Board meeting", "Board meeting"],
    );
    const out = join(files, "out.ics");
    const exported = await run(["schedule", "export", USER, "-o", out]);
    assert.equal(exported.code, 0, exported.stderr);
    const text = readFileSync(out, "utf8");
    for (const line of ["UID:board-1@example.org", "RRULE:FREQ=WEEKLY;COUNT=3", "CATEGORIES:WORK"])
      assert.ok(text.includes(line), `${line} in the export`);
    const missing = await run(["schedule", "import", USER, join(files, "nope.ics")]);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /cannot read/);
  });

  it("connects a CalDAV calendar (a wrong password is refused) and disconnects", async () => {
    const calendar = await makeCalendar(radicale, "carol");
    const connect = (password: string) =>
      run([
        "schedule",
        "connect",
        USER,
        "--calendar-url",
        calendar,
        "--username",
        "carol",
        "--password",
        password,
      ]);
    const refused = await connect("wrong");
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /calendar_unauthorized|user name or password/i);
    const connected = await connect("s3cret");
    assert.equal(connected.code, 0, connected.stderr);
    const file = join(files, "in.ics");
    const imported = await run(["schedule", "import", USER, file]);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /caldav calendar/i);
    // A plain CalDAV client sees the event on the server.
    const stored = await fetch(calendar, { headers: { authorization: basic("carol", "s3cret") } });
    assert.match(await stored.text(), /SUMMARY:Board meeting/);
    const disconnected = await run(["schedule", "disconnect", USER]);
    assert.equal(disconnected.code, 0, disconnected.stderr);
  });

  it("clover chat shows the Alerts directives of a timer and the device's answers", async () => {
    const chat = await run(["chat", "set a timer for 10 minutes"]);
    assert.equal(chat.code, 0, chat.stderr);
    assert.match(chat.stdout, /Alerts\.SetAlert/);
    assert.match(chat.stdout, /Alerts\.SetAlertSucceeded →/);
    assert.match(chat.stdout, /10 minutes/);
  });
});
