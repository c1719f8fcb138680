// Scale-out costs, side by side in one run on loopback (docs/benchmarks.md "Scale-out"):
//   1. text turns through CIC on one node in memory vs one node on Redis (closed loop,
//      CLIENTS devices), interleaved rounds (the side measured first alternates, a GC before
//      each side when run with --expose-gc, rate limits high enough never to refuse but still
//      taken on every turn): throughput ratio and added p99;
//   2. a push to a device's downchannel from the node holding it (local) vs from another node
//      sharing the Redis (cross-node), interleaved: p50/p99 from publish to arrival.
// Needs redis-server. Run: npm run bench -- scale   (ROUNDS, TURNS, CLIENTS, PUSHES)

import { rmSync } from "node:fs";
import { loadavg } from "node:os";
import { DeviceClient, logIn } from "@clover/device";
import { deviceKeyOf } from "../../packages/server/src/cic/device-key.js";
import { createDirective } from "../../packages/server/src/cic/multipart-writer.js";
import { loadConfig } from "../../packages/server/src/config/index.js";
import { type CloverServer, startClover } from "../../packages/server/src/main.js";
import { answer, startExtension } from "../../packages/server/test/helpers/extension-server.js";
import { bakeryModel } from "../../packages/server/test/helpers/models.js";
import { tempDir } from "../../packages/server/test/helpers/platform.js";
import { startRedis } from "../../packages/server/test/helpers/redis.js";

const ROUNDS = Number(process.env["ROUNDS"] ?? 5);
const TURNS = Number(process.env["TURNS"] ?? 1500);
const CLIENTS = Number(process.env["CLIENTS"] ?? 16);
const PUSHES = Number(process.env["PUSHES"] ?? 500);
const ADMIN = "bench-admin";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
};

const redis = await startRedis();
const ext = await startExtension(() => ({ body: answer("We open at seven.") }));
const dirs: string[] = [];
async function node(id: string, redisUrl?: string): Promise<CloverServer> {
  const dir = tempDir("clover-bench-scale-");
  dirs.push(dir);
  const config = loadConfig({
    CLOVER_DATA_DIR: dir,
    CLOVER_PORT: "0",
    CLOVER_HOST: "127.0.0.1",
    CLOVER_ADMIN_TOKEN: ADMIN,
    CLOVER_LOG_LEVEL: "silent",
    CLOVER_EXTENSION_NETWORKS: "loopback",
    CLOVER_EXAMPLES: "off",
    CLOVER_NODE_ID: id,
    CLOVER_SIGNING_WORKERS: "0",
    // Every turn still takes its tokens (in memory or in Redis), none is refused.
    CLOVER_RATE_DEVICE_PER_SECOND: "1000000",
    CLOVER_RATE_DEVICE_BURST: "1000000",
    CLOVER_RATE_CLIENT_PER_SECOND: "1000000",
    CLOVER_RATE_CLIENT_BURST: "1000000",
    ...(redisUrl ? { REDIS_URL: redisUrl, CLOVER_BEHIND_LOAD_BALANCER: "true" } : {}),
  });
  const server = await startClover({ config });
  const call = (path: string, body: unknown) =>
    fetch(`${server.url}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    }).then((r) => r.json() as Promise<Record<string, string>>);
  await call("/api/v1/extensions", {
    id: "com.example.bakery",
    displayName: "Bakery",
    endpointUrl: ext.url,
    models: { en: bakeryModel("en") },
  });
  (server as unknown as { call: typeof call }).call = call;
  return server;
}
type Caller = (path: string, body: unknown) => Promise<Record<string, string>>;
const callOf = (s: CloverServer) => (s as unknown as { call: Caller }).call;

async function devices(server: CloverServer, count: number) {
  const client = await callOf(server)("/api/v1/device-clients", { name: "bench" });
  const out: { device: DeviceClient; key: string }[] = [];
  for (let i = 0; i < count; i++) {
    const identity = {
      url: server.url,
      clientId: client["clientId"]!,
      clientSecret: client["clientSecret"]!,
      deviceId: `d${i}`,
      modelId: "B-1",
    };
    const tokens = await logIn(identity);
    const device = new DeviceClient({ url: server.url, accessToken: tokens.access_token });
    const grant = await server.authority.verifyAccessToken(tokens.access_token);
    out.push({ device, key: deviceKeyOf(grant!) });
  }
  return out;
}

async function turns(list: { device: DeviceClient }[]) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    list.map(async ({ device }) => {
      while (next++ < TURNS) {
        const t = performance.now();
        const r = await device.sendText("ask bakery bot when are you open");
        if (r.status !== 200) throw new Error(`turn answered ${r.status}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return {
    perSecond: (latencies.length / (performance.now() - started)) * 1000,
    p99: pct(latencies, 0.99),
  };
}

const memory = await node("memory");
const shared = await node("redis-a", redis.url);
const other = await node("redis-b", redis.url);
const memoryDevices = await devices(memory, CLIENTS);
const redisDevices = await devices(shared, CLIENTS);
for (const { device } of [...memoryDevices, ...redisDevices]) await device.openDownchannel();
// Warm up both sides alike (JIT, connections, the extension's model) before measuring.
await turns(memoryDevices);
await turns(redisDevices);
const gc = (globalThis as { gc?: () => void }).gc;
const measured = async (list: { device: DeviceClient }[]) => {
  gc?.();
  return turns(list);
};

const rows: { memory: number; redis: number; memP99: number; redisP99: number }[] = [];
const pushes: { local: number[]; remote: number[] }[] = [];
const load: number[] = [loadavg()[0]!];
for (let round = 0; round < ROUNDS; round++) {
  // Alternate which side goes first: neither always runs after the pushes or the other's GC.
  let a: Awaited<ReturnType<typeof turns>>;
  let b: Awaited<ReturnType<typeof turns>>;
  if (round % 2 === 0) {
    a = await measured(memoryDevices);
    b = await measured(redisDevices);
  } else {
    b = await measured(redisDevices);
    a = await measured(memoryDevices);
  }
  rows.push({ memory: a.perSecond, redis: b.perSecond, memP99: a.p99, redisP99: b.p99 });
  // Pushes: one device held by `shared`; half from `shared` (local), half from `other`.
  const target = redisDevices[0]!;
  let arrived: (() => void) | undefined;
  const local: number[] = [];
  const remote: number[] = [];
  const waitArrival = () => new Promise<void>((resolve) => (arrived = resolve));
  target.device.closeDownchannel();
  await new Promise((r) => setTimeout(r, 1100)); // the downchannel burst window
  await target.device.openDownchannel(() => arrived?.());
  for (let i = 0; i < PUSHES; i++) {
    for (const [from, into] of [
      [shared, local],
      [other, remote],
    ] as const) {
      const arrival = waitArrival();
      const t = performance.now();
      await from.gateway.push(target.key, createDirective("Notifier", "SetIndicator", { i }));
      await arrival;
      into.push(performance.now() - t);
    }
  }
  pushes.push({ local, remote });
  load.push(loadavg()[0]!);
}

const ratio = median(rows.map((r) => r.redis / r.memory));
const f = (n: number) => n.toFixed(2);
console.log(
  `scale-out: ${ROUNDS} rounds, ${TURNS} turns × ${CLIENTS} devices per side, ${PUSHES} pushes per side`,
);
console.log(`load average (1 min) during the run: ${load.map((l) => l.toFixed(1)).join(" → ")}`);
console.log(
  "| round | memory turns/s | Redis turns/s | ratio | memory p99 ms | Redis p99 ms | local push p99 ms | cross-node push p99 ms |",
);
console.log("|---|---|---|---|---|---|---|---|");
rows.forEach((r, i) => {
  const p = pushes[i]!;
  console.log(
    `| ${i + 1} | ${r.memory.toFixed(0)} | ${r.redis.toFixed(0)} | ${f(r.redis / r.memory)} | ${f(r.memP99)} | ${f(r.redisP99)} | ${f(pct(p.local, 0.99))} | ${f(pct(p.remote, 0.99))} |`,
  );
});
console.log(`median throughput ratio Redis/memory: ${f(ratio)} (target ≥ 0.85)`);
console.log(
  `median added turn p99: ${f(median(rows.map((r) => r.redisP99 - r.memP99)))} ms (target ≤ 1 ms)`,
);
console.log(
  `push p50 local ${f(median(pushes.map((p) => pct(p.local, 0.5))))} ms, cross-node ${f(median(pushes.map((p) => pct(p.remote, 0.5))))} ms`,
);
console.log(
  `push p99 local ${f(median(pushes.map((p) => pct(p.local, 0.99))))} ms, cross-node ${f(median(pushes.map((p) => pct(p.remote, 0.99))))} ms (target ≤ local + 5 ms)`,
);

for (const { device } of [...memoryDevices, ...redisDevices]) device.close();
await Promise.all([memory.close(), shared.close(), other.close()]);
await ext.close();
await redis.stop();
for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
