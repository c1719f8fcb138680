// Schedule in the console, in Chromium against a real platform: the teaching empty state, an
// .ics file imported through the file picker (a weekly meeting and a dentist appointment),
// the events by day, the calendar exported as a file and read back, a memo taken by voice in
// the simulator and deleted on the page, and a real CalDAV server (Debian's Radicale on
// loopback) refused with a wrong password, connected, read, and disconnected.
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import {
  basic,
  makeCalendar,
  type Radicale,
  startRadicale,
} from "../../server/test/helpers/radicale.js";
import {
  CHROMIUM,
  type ConsoleRig,
  FIRST_TURN_MS,
  simulatorAs,
  startConsoleRig,
} from "./browser.js";

const USER = "carol";
const RADICALE = "/usr/bin/radicale";

/** An iCalendar object starting `days` from today at `hour` UTC. */
function vevent(uid: string, summary: string, days: number, hour: number, extra: string[] = []) {
  const start = new Date();
  start.setUTCHours(hour, 0, 0, 0);
  start.setUTCDate(start.getUTCDate() + days);
  const stamp = (d: Date) =>
    d
      .toISOString()
      .replace(/[-:]/g, "")
      .replace(/\.\d{3}/, "");
  return [
    "BEGIN:VEVENT",
    `UID:${uid}`,
    `DTSTAMP:${stamp(new Date())}`,
    `DTSTART:${stamp(start)}`,
    `DTEND:${stamp(new Date(start.getTime() + 3_600_000))}`,
    `SUMMARY:${summary}`,
    ...extra,
    "END:VEVENT",
  ];
}

const calendar = (...events: string[][]) =>
  [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//test//console//EN",
    ...events.flat(),
    "END:VCALENDAR",
    "",
  ].join("\r\n");

describe("schedule in the console", {
  skip:
    (!existsSync(CHROMIUM) && `${CHROMIUM} missing`) ||
    (!existsSync(RADICALE) && `${RADICALE} missing`),
}, () => {
  let rig: ConsoleRig;
  let radicale: Radicale;
  let simulator: Page;
  let page: Page;
  let dir: string;

  before(async () => {
    rig = await startConsoleRig();
    radicale = await startRadicale({ carol: "secret-pass" });
    dir = rig.profileDir;
    ({ page: simulator } = await simulatorAs(rig, USER));
    page = await rig.open("/schedule");
    await page.getByLabel("User ID").fill(USER);
    await page.getByRole("button", { name: "Show" }).click();
  });

  after(async () => {
    await rig?.close();
    await radicale?.stop();
  });

  it("imports an .ics file and shows the events by day", async () => {
    const events = page.getByRole("region", { name: "Events" });
    await events.getByText("Nothing in this period").waitFor();
    const file = join(dir, "team.ics");
    writeFileSync(
      file,
      calendar(
        vevent("weekly@test", "Team meeting", 1, 10, ["RRULE:FREQ=WEEKLY;COUNT=3"]),
        vevent("dentist@test", "Dentist", 2, 14, ["LOCATION:Main street 5"]),
      ),
    );
    const chooser = page.waitForEvent("filechooser");
    await events.getByRole("button", { name: "Import .ics" }).click();
    await (await chooser).setFiles(file);
    await page.getByText("Imported team.ics: 2 added, 0 replaced.").waitFor();
    await events.locator(".event-summary", { hasText: "Dentist" }).waitFor();
    assert.equal(await events.locator(".event-summary", { hasText: "Team meeting" }).count(), 3);
    await events.getByText("Main street 5").waitFor();
    await rig.shot(page, "schedule");
  });

  it("exports the calendar as a file that holds the imported events", async () => {
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export .ics" }).click();
    const saved = join(dir, "export.ics");
    await (await download).saveAs(saved);
    const text = readFileSync(saved, "utf8");
    assert.match(text, /BEGIN:VCALENDAR/);
    assert.match(text, /UID:dentist@test/);
    assert.match(text, /RRULE:FREQ=WEEKLY;COUNT=3/);
  });

  it("shows a memo taken by voice and deletes it", async () => {
    await simulator.bringToFront();
    await simulator.getByLabel("Say").fill("take a note: buy oat milk");
    await simulator.getByRole("button", { name: "Send" }).click();
    await simulator
      .locator("article.turn .bubble.assistant")
      .last()
      .waitFor({ timeout: FIRST_TURN_MS });
    await page.bringToFront();
    await page.reload();
    const memos = page.getByRole("region", { name: "Memos" });
    const memo = memos.locator("li", { hasText: "buy oat milk" });
    await memo.waitFor();
    await memo.getByRole("button", { name: "Delete" }).click();
    await memos.getByText("No memos.").waitFor();
  });

  it("connects a CalDAV calendar (a wrong password first), reads it, disconnects", async () => {
    const url = await makeCalendar(radicale, "carol", "personal");
    const put = await fetch(`${url}lunch.ics`, {
      method: "PUT",
      headers: { authorization: basic("carol", "secret-pass"), "content-type": "text/calendar" },
      body: calendar(vevent("lunch@test", "Lunch with Mika", 1, 12)),
    });
    assert.equal(put.status, 201);
    const card = page.getByRole("region", { name: "Calendar" });
    await card.getByLabel("CalDAV URL").fill(`${radicale.url}/`);
    await card.getByLabel("User name").fill("carol");
    await card.getByLabel("Password").fill("wrong");
    await card.getByRole("button", { name: "Connect" }).click();
    await card
      .getByRole("alert")
      .filter({ hasText: /user name or password/ })
      .waitFor();
    await card.getByLabel("Password").fill("secret-pass");
    await card.getByRole("button", { name: "Connect" }).click();
    await page.getByText(`Connected ${url} (1 event).`).waitFor();
    await card.getByText("CalDAV calendar").waitFor();
    const events = page.getByRole("region", { name: "Events" });
    await events.locator(".event-summary", { hasText: "Lunch with Mika" }).waitFor();
    assert.equal(await events.locator(".event-summary", { hasText: "Dentist" }).count(), 0);
    await rig.shot(page, "schedule-caldav");
    await card.getByRole("button", { name: "Disconnect" }).click();
    await page.getByText("Disconnected: the embedded calendar is used again.").waitFor();
    await events.locator(".event-summary", { hasText: "Dentist" }).waitFor();
  });
});
