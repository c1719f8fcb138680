// "What's on my schedule this week" with 5,000 events (4,900 single events over two years and
// 100 weekly series), on the embedded calendar (SQLite) and on a CalDAV calendar (Radicale on
// loopback, this node's copy kept current with a sync token each question), against a turn the
// schedule answers from an empty calendar. Figures: per-turn wall time through the assistant,
// p50/p99 over the rounds, and what the 5,000 events add to a turn.
//   npm run bench -- schedule [rounds=200] [sizes=500,5000]
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
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

/** The events as VEVENT blocks: single events over two years, then weekly series. */
function events(count: number, series: number): string[] {
  const out: string[] = [];
  const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, "").slice(0, 15);
  const start = NOW - 365 * 86_400_000;
  for (let i = 0; i < count - series; i++) {
    const at = start + Math.floor((i * 730 * 86_400_000) / (count - series));
    const rounded = Math.floor(at / 900_000) * 900_000;
    out.push(
      [
        "BEGIN:VEVENT",
        `UID:single-${i}@bench`,
        "DTSTAMP:20261101T000000Z",
        `DTSTART:${stamp(rounded)}Z`,
        "DURATION:PT1H",
        `SUMMARY:Event ${i}`,
        "END:VEVENT",
      ].join("\r\n"),
    );
  }
  const days = ["MO", "TU", "WE", "TH", "FR"];
  for (let i = 0; i < series; i++)
    out.push(
      [
        "BEGIN:VEVENT",
        `UID:series-${i}@bench`,
        "DTSTAMP:20261101T000000Z",
        `DTSTART;TZID=${ZONE}:2025${String(1 + (i % 12)).padStart(2, "0")}0${1 + (i % 9)}T${String(8 + (i % 10)).padStart(2, "0")}0000`,
        "DURATION:PT30M",
        `RRULE:FREQ=WEEKLY;BYDAY=${days[i % 5]}`,
        `SUMMARY:Series ${i}`,
        "END:VEVENT",
      ].join("\r\n"),
    );
  return out;
}

const wrap = (blocks: readonly string[]) =>
  [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Clover//bench//EN",
    ...blocks,
    "END:VCALENDAR",
    "",
  ].join("\r\n");

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function platform(dir: string): Promise<Platform> {
  const config = defineConfig({
    adminToken: "bench",
    examples: "off",
    logLevel: "silent",
    dataDir: dir,
    // Radicale runs on loopback: the outbound policy an administrator sets for that (without
    // it every CalDAV question is refused and answered "isn't answering").
    cek: { extensionNetworks: "loopback" },
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
): Promise<{ p50: number; p99: number; speech: string; first: number; failed: number }> {
  const ask = () =>
    p.assistant.handleTurn({
      kind: "text",
      text: "what's on my schedule this week",
      dialogRequestId: "b",
      device: device(userId),
    });
  const f0 = performance.now();
  const first = await ask();
  const firstMs = performance.now() - f0;
  for (let i = 0; i < 5; i++) await ask();
  const times: number[] = [];
  let failed = 0;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const answer = await ask();
    times.push(performance.now() - t0);
    if (/isn't answering|refused/.test(answer.speech[0]?.value ?? "")) failed++;
  }
  times.sort((a, b) => a - b);
  return {
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    speech: first.speech[0]?.value ?? "",
    first: firstMs,
    failed,
  };
}

const SIZES = (process.argv[3] ?? "500,5000").split(",").map(Number);
const dir = mkdtempSync(join(tmpdir(), "clover-bench-schedule-"));
const radicale = await startRadicale({ bench: "bench" });
try {
  const p = await platform(dir);
  const schedule = p.abilities.get("ability:schedule") as unknown as {
    scheduleFor(userId: string): Promise<{ importIcs(text: string): Promise<unknown> }>;
    accounts: { set(userId: string, account: object, now: number): Promise<void> };
  };
  const rows: string[] = [];
  const empty = await measure(p, "empty-user");
  const row = (name: string, m: { p50: number; p99: number }) =>
    `| ${name} | ${m.p50.toFixed(2)} | ${m.p99.toFixed(2)} | ${(m.p50 - empty.p50).toFixed(2)} | ${(m.p99 - empty.p99).toFixed(2)} |`;
  rows.push(row("empty (baseline)", empty));
  console.log(
    `schedule bench: ${rounds} rounds, "what's on my schedule this week", node ${process.version}`,
  );
  console.log(
    `load average before: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  for (const size of SIZES) {
    const blocks = events(size, Math.max(1, Math.round(size / 50)));
    await (await schedule.scheduleFor(`embedded-${size}`)).importIcs(wrap(blocks));
    // CalDAV: the collection made by MKCALENDAR, its items written into Radicale's storage
    // (one .ics per event, as Radicale keeps them) instead of 5,000 PUTs.
    const calendarUrl = await makeCalendar(radicale, "bench", `personal-${size}`);
    const folder = join(radicale.storage, "collection-root", "bench", `personal-${size}`);
    for (const [i, block] of blocks.entries())
      writeFileSync(join(folder, `event-${i}.ics`), wrap([block]));
    // Radicale parses and caches every item on its first whole read; do that once here (it
    // is the server's own start-up cost, not what a question adds), then measure.
    const w0 = performance.now();
    const warm = await fetch(calendarUrl, { headers: { authorization: basic("bench", "bench") } });
    await warm.arrayBuffer();
    console.log(
      `${size} events: Radicale's first read of the collection ${(performance.now() - w0).toFixed(0)} ms`,
    );
    await schedule.accounts.set(
      `caldav-${size}`,
      { url: calendarUrl, username: "bench", password: "bench", calendarUrl },
      NOW,
    );
    const t0 = performance.now();
    const embedded = await measure(p, `embedded-${size}`);
    const t1 = performance.now();
    const caldav = await measure(p, `caldav-${size}`);
    console.log(
      `${size} events: answers agree ${embedded.speech === caldav.speech}; embedded ${(t1 - t0).toFixed(0)} ms in all, CalDAV first turn ${caldav.first.toFixed(0)} ms (whole calendar read); measured turns answered "not answering": embedded ${embedded.failed}, CalDAV ${caldav.failed} of ${rounds}`,
    );
    if (embedded.speech !== caldav.speech)
      console.log(
        `  embedded: ${embedded.speech.slice(0, 160)}\n  CalDAV: ${caldav.speech.slice(0, 160)}`,
      );
    rows.push(row(`embedded (SQLite), ${size.toLocaleString("en")} events`, embedded));
    rows.push(row(`CalDAV (Radicale, loopback), ${size.toLocaleString("en")} events`, caldav));
  }
  console.log(
    `load average after: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  console.log("| calendar | turn p50 ms | turn p99 ms | added p50 ms | added p99 ms |");
  console.log("|---|---|---|---|---|");
  for (const line of rows) console.log(line);
  await p.close();
} finally {
  await radicale.stop();
  rmSync(dir, { recursive: true, force: true });
}
