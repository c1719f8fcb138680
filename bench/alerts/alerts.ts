// Alerts at scale (docs/benchmarks.md, "Alerts"): 100,000 stored alerts across 10,000 users
// (a tenth of them action timers with a pending job), then
//   1. the time a voice turn that sets a timer takes, beside a turn of the same routing that
//      sets nothing (the fallback), medians over rounds: the difference is what setting costs;
//   2. the scheduler's lateness: action timers due in the next seconds, fired by the platform's
//      own job runner on the real clock, lateness = when the action ran − when it was due;
//   3. memory (RSS, heap) and the database's size on disk.
//   npm run bench -- alerts [--users 10000] [--per-user 10] [--rounds 5] [--turns 200] [--fire 200]
//                           [--warm 50] [--fire-over 3000]
// (--warm: turns of each kind before the rounds; --fire-over: ms over which the timers fall due)
import { randomUUID } from "node:crypto";
import { rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import type { AlertsAbility } from "../../packages/server/src/abilities/alerts/index.js";
import type { DeviceInfo, TurnResult } from "../../packages/server/src/assistant/turn.js";
import { defineConfig } from "../../packages/server/src/config/index.js";
import { createPlatform } from "../../packages/server/src/platform.js";

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

const USERS = option("users", 10_000);
const PER_USER = option("per-user", 10);
const ROUNDS = option("rounds", 5);
const TURNS = option("turns", 200);
const FIRE = option("fire", 200);
const WARM = option("warm", 50);
const FIRE_OVER = option("fire-over", 3000);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

const dataDir = join(tmpdir(), `clover-bench-alerts-${process.pid}`);
const config = defineConfig({
  dataDir,
  adminToken: "bench",
  examples: "off",
  logLevel: "silent",
  ...(process.env["DATABASE_URL"] ? { databaseUrl: process.env["DATABASE_URL"] } : {}),
});
const platform = await createPlatform(config, { logger: pino({ level: "silent" }) });
const alerts = platform.abilities.get("ability:alerts") as AlertsAbility;
const db = platform.database.db;

// ---- seed
const seedStart = performance.now();
const now = Date.now();
const types = ["ALARM", "TIMER", "REMINDER", "ACTIONTIMER"] as const;
let batch: Record<string, unknown>[] = [];
let jobs: Record<string, unknown>[] = [];
const flush = async () => {
  if (batch.length)
    await db
      .insertInto("alerts")
      .values(batch as never)
      .execute();
  if (jobs.length)
    await db
      .insertInto("jobs")
      .values(jobs as never)
      .execute();
  batch = [];
  jobs = [];
};
for (let u = 0; u < USERS; u++) {
  for (let i = 0; i < PER_USER; i++) {
    const type = types[(u + i) % 10 === 0 ? 3 : i % 3]!;
    const token = randomUUID();
    // Spread over the next 30 days, never in the next hour (the firing test owns that hour).
    const at =
      now + 3_600_000 + Math.floor(((u * PER_USER + i) * 2_592_000_000) / (USERS * PER_USER));
    batch.push({
      token,
      user_id: `user-${u}`,
      device_id: `device-${u}`,
      type,
      scheduled_at: at,
      time_zone: "Asia/Tokyo",
      label: type === "REMINDER" || type === "ACTIONTIMER" ? "water the plants" : null,
      repeat: i === 0 ? JSON.stringify({ time: "07:00:00", weekdays: [1, 2, 3, 4, 5] }) : null,
      duration_ms: type === "TIMER" ? 600_000 : null,
      action: type === "ACTIONTIMER" ? JSON.stringify({ text: "stop the music" }) : null,
      status: "set",
      fired_at: null,
      created_at: now,
      updated_at: now,
    });
    if (type === "ACTIONTIMER")
      jobs.push({
        id: randomUUID(),
        kind: "alerts.action",
        unique_key: `alert:${token}`,
        run_at: at,
        payload: JSON.stringify({ token, scheduledAt: at }),
        claimed_by: null,
        claimed_until: null,
        attempts: 0,
        created_at: now,
      });
    if (batch.length >= 500) await flush();
  }
}
await flush();
const seeded = await alerts.service.store.count();
console.log(
  `seeded ${seeded} alerts for ${USERS} users in ${((performance.now() - seedStart) / 1000).toFixed(1)} s (${platform.database.engine})`,
);

// ---- 1. turn latency: setting a timer beside a turn that sets nothing
const device = (u: number): DeviceInfo => ({
  clientId: "bench",
  deviceId: `device-${u}`,
  userId: `user-${u}`,
  language: "en",
  locale: "en-US",
  display: { size: "none" },
  timeZone: "Asia/Tokyo",
});
const turn = async (text: string, u: number): Promise<[number, TurnResult]> => {
  const start = performance.now();
  const result = await platform.assistant.handleTurn({
    kind: "text",
    text,
    dialogRequestId: randomUUID(),
    device: device(u),
  });
  return [performance.now() - start, result];
};
// Warm: compile the models, JIT the paths.
for (let i = 0; i < WARM; i++) {
  await turn("set a timer for 10 minutes", i);
  await turn("tell me something nice about penguins", i);
}
const setMedians: number[] = [];
const baseMedians: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const set: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < TURNS; i++) {
    const u = (round * TURNS + i) % USERS;
    const [a, result] = await turn(`set a timer for ${(i % 50) + 1} minutes`, u);
    if (!result.directives.some((d) => d.name === "SetAlert")) throw new Error("no SetAlert");
    set.push(a);
    base.push((await turn("tell me something nice about penguins", u))[0]);
  }
  setMedians.push(median(set));
  baseMedians.push(median(base));
}
const setMs = median(setMedians);
const baseMs = median(baseMedians);
console.log(
  `turn "set a timer for N minutes": median ${setMs.toFixed(2)} ms; same routing, nothing set: ${baseMs.toFixed(2)} ms; added by setting: ${(setMs - baseMs).toFixed(2)} ms (medians of ${ROUNDS} rounds × ${TURNS} turns)`,
);

// ---- 2. scheduler lateness on the real clock
const lateness: number[] = [];
alerts.service.runAction = async (_device, _text) => ({
  speech: [],
  directives: [],
  expectSpeech: false,
});
const originalFire = alerts.service.fire.bind(alerts.service);
const dueAt = new Map<string, number>();
alerts.service.fire = async (token, scheduledAt) => {
  const result = await originalFire(token, scheduledAt);
  const due = dueAt.get(token);
  if (result && due !== undefined) lateness.push(Date.now() - due);
  return result;
};
const fireStart = Date.now() + 2000;
for (let i = 0; i < FIRE; i++) {
  const at = fireStart + Math.floor((i * FIRE_OVER) / FIRE);
  const record = await alerts.service.create({
    userId: `user-${i % USERS}`,
    deviceId: `device-${i % USERS}`,
    type: "ACTIONTIMER",
    scheduledAt: at,
    timeZone: "Asia/Tokyo",
    label: "stop the music",
    action: { text: "stop the music" },
    status: "sent",
  });
  dueAt.set(record.token, at);
}
const deadline = Date.now() + 15_000;
while (lateness.length < FIRE && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
console.log(
  `scheduler: ${lateness.length}/${FIRE} action timers fired over ${FIRE_OVER / 1000} s among ${seeded} alerts; lateness median ${median(lateness)} ms, p99 ${quantile(lateness, 0.99)} ms, max ${Math.max(...lateness)} ms`,
);

// ---- 3. memory and size
const memory = process.memoryUsage();
let size = 0;
if (platform.database.engine === "sqlite")
  for (const file of ["clover.sqlite", "clover.sqlite-wal"])
    try {
      size += statSync(join(dataDir, file)).size;
    } catch {}
console.log(
  `memory: RSS ${(memory.rss / 1048576).toFixed(0)} MiB, heap used ${(memory.heapUsed / 1048576).toFixed(0)} MiB` +
    (size
      ? `; database on disk ${(size / 1048576).toFixed(1)} MiB (${(size / seeded).toFixed(0)} bytes per alert, jobs and index included)`
      : ""),
);
await platform.close();
rmSync(dataDir, { recursive: true, force: true });
