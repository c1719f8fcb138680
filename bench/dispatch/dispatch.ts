// The platform's added latency over a direct POST to the same extension, and turns/s on one
// core. Run: node --conditions=@clover/source --import tsx bench/dispatch/dispatch.ts
//
// SAMPLES, RATE, SECONDS, ROUNDS, WARMUP (environment) change the sizes below.
//
// Side by side in one run, against one extension process (its own core):
//   direct     undici POST of a pre-built request body (the floor: loopback + extension)
//   dispatch   the dispatcher alone: build, serialize once, sign, POST, validate
//   turn       assistant.handleTurn: invocation + NLU + dispatch + sessions (a full turn)
// then open-loop rounds at 500 turns/s (full turns paired with direct POSTs at the same rate,
// medians across rounds), and the closed-loop maximum with 32 users in flight.
import { fork } from "node:child_process";
import { sign } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { Pool } from "undici";
import type { DeviceInfo } from "../../packages/server/src/assistant/turn.js";
import { CekClient } from "../../packages/server/src/cek/client.js";
import { CekDispatcher } from "../../packages/server/src/cek/dispatcher.js";
import { OutboundGuard } from "../../packages/server/src/cek/outbound-policy.js";
import { InlineSigner } from "../../packages/server/src/cek/signer.js";
import { defineConfig } from "../../packages/server/src/config/index.js";
import { createPlatform } from "../../packages/server/src/platform.js";

const SAMPLES = Number(process.env.SAMPLES ?? 3000);
const RATE = Number(process.env.RATE ?? 500);
const SECONDS = Number(process.env.SECONDS ?? 2);
const ROUNDS = Number(process.env.ROUNDS ?? 9);
/** Turns (or calls of each path) before anything is timed. */
const WARMUP = Number(process.env.WARMUP ?? 300);

const model = {
  language: "en" as const,
  invocation: { main: "bakery bot" },
  builtinIntents: ["Clova.GuideIntent", "Clova.YesIntent", "Clova.NoIntent"],
  intents: [
    {
      name: "StoreHours",
      slots: [],
      utterances: [
        "when are you open",
        "what are your opening hours",
        "are you open today",
        "opening hours",
      ],
    },
    {
      name: "OrderBread",
      slots: [],
      utterances: ["order bread", "i want some bread", "buy a loaf", "can i get bread"],
    },
  ],
};

function quantiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted.at(-1)! };
}
const ms = (n: number) => `${n.toFixed(3)} ms`;

/** Sequential samples of both paths, interleaved so that both see the same machine load. */
async function sideBySide(paths: Record<string, () => Promise<unknown>>) {
  const entries = Object.entries(paths);
  for (let i = 0; i < WARMUP; i++) for (const [, run] of entries) await run();
  const times = entries.map(() => [] as number[]);
  for (let i = 0; i < SAMPLES; i++)
    for (const [k, [, run]] of entries.entries()) {
      const t = performance.now();
      await run();
      times[k]!.push(performance.now() - t);
    }
  return Object.fromEntries(entries.map(([name], k) => [name, quantiles(times[k]!)]));
}

function row(label: string, q: ReturnType<typeof quantiles>) {
  console.log(
    `${label.padEnd(10)} p50 ${ms(q.p50)}  p90 ${ms(q.p90)}  p99 ${ms(q.p99)}  max ${ms(q.max)}`,
  );
}

const child = fork(new URL("./extension-process.mjs", import.meta.url), { stdio: "inherit" });
const port = await new Promise<number>((resolve) =>
  child.once("message", (m: { port: number }) => resolve(m.port)),
);
const url = `http://127.0.0.1:${port}/cek`;
const dataDir = mkdtempSync(join(tmpdir(), "clover-bench-"));

async function platformWith(signingWorkers: number) {
  const platform = await createPlatform(
    defineConfig({
      dataDir,
      adminToken: "bench",
      examples: "off",
      logLevel: "silent",
      cek: { signingWorkers, extensionNetworks: "loopback" },
    }),
    { logger: pino({ level: "silent" }) },
  );
  if (!platform.registry.get("com.example.bench")) {
    await platform.registry.create({
      id: "com.example.bench",
      displayName: "Bench",
      endpointUrl: url,
      invocationNames: {},
      messageVersion: "1.0",
      legacyEndRequestType: false,
      usesAudioPlayer: false,
      enabledForAllUsers: true,
    });
    await platform.registry.putModel("com.example.bench", "en", model);
  }
  return platform;
}

const device = (i: number): DeviceInfo => ({
  clientId: "bench",
  deviceId: `d${i}`,
  userId: `U${i}`,
  language: "en",
  locale: "en-US",
  display: { size: "none" },
});
let counter = 0;
const turn = (i: number) => ({
  kind: "text" as const,
  text: "ask bakery bot when are you open",
  dialogRequestId: `b${++counter}`,
  device: device(i),
});

console.log(`node ${process.version}, ${SAMPLES} sequential samples per row\n`);
const platform = await platformWith(0);

// Signing cost alone.
const key = platform.keys.active.privateKey;
const sample = Buffer.from(
  JSON.stringify({ version: "1.0", request: { type: "IntentRequest" }, padding: "x".repeat(600) }),
);
const t = performance.now();
for (let i = 0; i < 2000; i++) sign("sha256", sample, key);
const signMs = (performance.now() - t) / 2000;
console.log(
  `RSA-2048 SHA-256 signature: ${ms(signMs)} each (${Math.round(1000 / signMs)}/s on one core)\n`,
);

// The same request bytes the dispatcher sends, POSTed directly.
const first = await platform.assistant.handleTurn(turn(0));
const requestBody = Buffer.from(JSON.stringify(first.exchange?.request));
const pool = new Pool(new URL(url).origin, { connections: 16 });
const postDirect = async () => {
  const response = await pool.request({
    method: "POST",
    path: "/cek",
    body: requestBody,
    headers: { "content-type": "application/json;charset=UTF-8", signaturecek: "x" },
  });
  await response.body.json();
};
// The dispatcher alone (no invocation, no NLU, no sessions): build, sign, POST, validate.
const client = new CekClient(
  new CekDispatcher(new InlineSigner(platform.keys), {
    ...defineConfig().cek,
    guard: new OutboundGuard({ networks: "loopback" }),
  }),
  pino({ level: "silent" }),
  64 * 1024,
);
const extension = platform.registry.get("com.example.bench")!;
const dispatchOnly = () =>
  client.call(extension, {
    device: device(3),
    session: { new: true, sessionId: "bench", sessionAttributes: {} },
    body: { type: "IntentRequest", intent: { name: "StoreHours", slots: {} } },
  });
const sequential = await sideBySide({
  direct: postDirect,
  dispatch: dispatchOnly,
  turn: () => platform.assistant.handleTurn(turn(1)),
});
for (const [name, q] of Object.entries(sequential)) row(name, q);
const direct = sequential.direct!;
console.log(
  `\nadded by the dispatcher (dispatch - direct): p50 ${ms(sequential.dispatch!.p50 - direct.p50)}, p99 ${ms(sequential.dispatch!.p99 - direct.p99)}`,
);
console.log(
  `\nadded by the platform (turn - direct): p50 ${ms(sequential.turn!.p50 - direct.p50)}, p99 ${ms(sequential.turn!.p99 - direct.p99)}`,
);

/** One open-loop round: a call is due every 1/RATE s whatever the previous ones are doing. */
async function openRound(call: (i: number) => Promise<unknown>) {
  const latencies: number[] = [];
  const interval = 1000 / RATE;
  const total = RATE * SECONDS;
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    // Timers fire up to a millisecond early or late: count from the due time when late
    // (waiting turns are part of the latency) and from the call itself when early.
    const from = Math.min(due, performance.now());
    pending.push(
      call(i).then(() => {
        latencies.push(performance.now() - from);
      }),
    );
  }
  await Promise.all(pending);
  return quantiles(latencies);
}

/**
 * ROUNDS open-loop rounds of full turns, each paired with a round of direct POSTs at the same
 * rate; medians across rounds. This machine stalls every process now and then for tens of
 * milliseconds (an idle Node loop sees it too), which decides a single round's p99, so the
 * direct rounds carry the same risk and the medians compare like with like.
 */
async function openLoop(label: string, target: typeof platform) {
  const turns: ReturnType<typeof quantiles>[] = [];
  const directs: ReturnType<typeof quantiles>[] = [];
  let cpuMs = 0;
  for (let r = 0; r < ROUNDS; r++) {
    directs.push(await openRound(postDirect));
    const cpuStart = process.cpuUsage();
    turns.push(await openRound((i) => target.assistant.handleTurn(turn(1000 + (i % 200)))));
    const cpu = process.cpuUsage(cpuStart);
    cpuMs += (cpu.user + cpu.system) / 1000;
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
  const p = (list: typeof turns, key: "p50" | "p99") => median(list.map((q) => q[key]));
  const perRound = (list: typeof turns) => list.map((q) => q.p99.toFixed(2)).join(", ");
  console.log(
    `${label}: ${RATE} turns/s, ${ROUNDS} rounds of ${SECONDS} s; turn p50 ${ms(p(turns, "p50"))} p99 ${ms(p(turns, "p99"))} (rounds: ${perRound(turns)}); direct p50 ${ms(p(directs, "p50"))} p99 ${ms(p(directs, "p99"))} (rounds: ${perRound(directs)}); main process CPU ${ms(cpuMs / (ROUNDS * RATE * SECONDS))} per turn`,
  );
  console.log(
    `added at ${RATE} turns/s: p50 ${ms(p(turns, "p50") - p(directs, "p50"))}, p99 ${ms(p(turns, "p99") - p(directs, "p99"))} (medians)`,
  );
}

async function closedLoop(label: string, target: typeof platform, concurrency = 32) {
  let done = 0;
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const until = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, user) => {
      while (performance.now() < until) {
        await target.assistant.handleTurn(turn(5000 + user));
        done++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  // CPU time per turn is independent of what else runs on the machine: 1 / it = turns/s per core.
  const cpuPerTurnMs = (cpu.user + cpu.system) / 1000 / done;
  console.log(
    `${label}: ${Math.round(done / elapsed)} turns/s (closed loop, ${concurrency} users in flight); CPU ${ms(cpuPerTurnMs)} per turn = ${Math.round(1000 / cpuPerTurnMs)} turns/s per core`,
  );
}

console.log("");
await openLoop("open loop, signing inline ", platform);
await closedLoop("max, signing inline        ", platform);
await platform.close();

const pooled = await platformWith(1);
for (let i = 0; i < WARMUP; i++) await pooled.assistant.handleTurn(turn(2));
await openLoop("open loop, 1 signing worker", pooled);
await closedLoop("max, 1 signing worker      ", pooled);
await pooled.close();

await pool.close();
child.kill();
rmSync(dataDir, { recursive: true, force: true });
