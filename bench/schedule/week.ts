// "What's on my schedule this week" with 5,000 events (4,900 single events over two years and
// 100 weekly series), on the embedded calendar (SQLite) and on a CalDAV calendar (Radicale on
// loopback, this node's copy kept current with a sync token each question), against a turn the
// schedule answers from an empty calendar. Figures: per-turn wall time through the assistant,
// p50/p99 over the rounds, and what the 5,000 events add to a turn.
//   npm run bench -- schedule [rounds=200]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import type { DeviceInfo } from "../../packages/server/src/assistant/turn.js";
import { defineConfig } from "../../packages/server/src/config/index.js";
import { createPlatform, type Platform } from "../../packages/server/src/platform.js";
import { basic, makeCalendar, startRadicale } from "../../packages/server/test/helpers/radicale.js";

const rounds = Number(process.argv[2] ?? 200);
const NOW = Date.UTC(2026, 11, 2, 9, 0); // Wednesday
const ZONE = "Europe/Berlin";
const clock = { now: () => NOW };

function calendar(count: number, series: number): string {
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Clover//bench//EN"];
  const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, "").slice(0, 15);
  const start = NOW - 365 * 86_400_000;
  for (let i = 0; i < count - series; i++) {
    const at = start + Math.floor((i * 730 * 86_400_000) / (count - series));
    const rounded = Math.floor(at / 900_000) * 900_000;
    lines.push(
      "BEGIN:VEVENT",
      `UID:single-${i}@bench`,
      "DTSTAMP:20261101T000000Z",
      `DTSTART:${stamp(rounded)}Z`,
      "DURATION:PT1H",
      `SUMMARY:Event ${i}`,
      "END:VEVENT",
    );
  }
  const days = ["MO", "TU", "WE", "TH", "FR"];
  for (let i = 0; i < series; i++)
    lines.push(
      "BEGIN:VEVENT",
      `UID:series-${i}@bench`,
      "DTSTAMP:20261101T000000Z",
      `DTSTART;TZID=${ZONE}:2025${String(1 + (i % 12)).padStart(2, "0")}0${1 + (i % 9)}T${String(8 + (i % 10)).padStart(2, "0")}0000`,
      "DURATION:PT30M",
      `RRULE:FREQ=WEEKLY;BYDAY=${days[i % 5]}`,
      `SUMMARY:Series ${i}`,
      "END:VEVENT",
    );
  lines.push("END:VCALENDAR", "");
  return lines.join("\r\n");
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function platform(dir: string): Promise<Platform> {
  const config = defineConfig({
    adminToken: "bench",
    examples: "off",
    logLevel: "silent",
    dataDir: dir,
  });
  return createPlatform(config, { logger: pino({ level: "silent" }), clock });
}

function device(userId: string): DeviceInfo {
  return {
    clientId: "bench",
    deviceId: `d-${userId}`,
    userId,
    language: "en",
    locale: "en-US",
    display: { size: "none" },
    timeZone: ZONE,
  } as DeviceInfo;
}

async function measure(
  p: Platform,
  userId: string,
): Promise<{ p50: number; p99: number; speech: string }> {
  const ask = () =>
    p.assistant.handleTurn({
      kind: "text",
      text: "what's on my schedule this week",
      dialogRequestId: "b",
      device: device(userId),
    });
  const first = await ask();
  for (let i = 0; i < 5; i++) await ask();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await ask();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return {
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    speech: first.speech[0]?.value ?? "",
  };
}

const dir = mkdtempSync(join(tmpdir(), "clover-bench-schedule-"));
const radicale = await startRadicale({ bench: "bench" });
try {
  const p = await platform(dir);
  const ics = calendar(5000, 100);
  const schedule = p.abilities.get("ability:schedule") as unknown as {
    scheduleFor(userId: string): Promise<{ importIcs(text: string): Promise<unknown> }>;
    accounts: { set(userId: string, account: object, now: number): Promise<void> };
  };
  await (await schedule.scheduleFor("embedded-user")).importIcs(ics);
  // CalDAV: the whole calendar PUT onto the collection in one request (Radicale splits it).
  const calendarUrl = await makeCalendar(radicale, "bench", "personal");
  const put = await fetch(calendarUrl, {
    method: "PUT",
    headers: { authorization: basic("bench", "bench"), "content-type": "text/calendar" },
    body: ics,
  });
  if (put.status >= 300) throw new Error(`PUT calendar: ${put.status}`);
  await schedule.accounts.set(
    "caldav-user",
    { url: calendarUrl, username: "bench", password: "bench", calendarUrl },
    NOW,
  );
  const empty = await measure(p, "empty-user");
  const embedded = await measure(p, "embedded-user");
  const caldav = await measure(p, "caldav-user");
  const row = (name: string, m: { p50: number; p99: number }) =>
    `| ${name} | ${m.p50.toFixed(2)} | ${m.p99.toFixed(2)} | ${(m.p50 - empty.p50).toFixed(2)} | ${(m.p99 - empty.p99).toFixed(2)} |`;
  console.log(
    `schedule bench: ${rounds} rounds, "what's on my schedule this week", node ${process.version}`,
  );
  console.log(`answer (embedded): ${embedded.speech.slice(0, 120)}…`);
  console.log(`answers agree: ${embedded.speech === caldav.speech}`);
  if (embedded.speech !== caldav.speech)
    console.log(`CalDAV answer: ${caldav.speech.slice(0, 200)}`);
  console.log("| calendar | turn p50 ms | turn p99 ms | added p50 ms | added p99 ms |");
  console.log("|---|---|---|---|---|");
  console.log(row("empty (baseline)", empty));
  console.log(row("embedded, 5,000 events", embedded));
  console.log(row("CalDAV (Radicale, loopback), 5,000 events", caldav));
  await p.close();
} finally {
  await radicale.stop();
  rmSync(dir, { recursive: true, force: true });
}
