// What a text turn allocates on a node in memory and on a node on Redis, side by side
// (docs/benchmarks.md "Scale-out", "Allocation per turn"): bytes allocated on the JavaScript
// heap and bytes promoted to the old generation per turn, and young and old collections per
// 1,000 turns (node-probe.ts). Turns are sent one at a time, round robin over DEVICES devices,
// as the scale bench's paced turns mostly are; each round has one block per side, the order
// alternating, with a GC in every process before each block. These counts hold on a loaded
// machine (latencies do not: bench/scale/scale.ts is for those).
// BEFORE_NODE=<another checkout's bench/scale/node.ts>: that checkout's node on Redis as a
// third side (a change measured against the code before it, in the same run).
// ALLOC_PROF=<dir>: a sampling heap profile of each side's blocks (bench/profile-summary.mjs;
// ALLOC_SURVIVORS=1 keeps only what outlived the young generation).
// Needs redis-server. Run: npm run bench -- scale-alloc  (ROUNDS, TURNS, WARMUP, DEVICES, IN_FLIGHT)
import { startRedis } from "../../packages/server/test/helpers/redis.js";
import {
  ask,
  closeNode,
  forkNode,
  type Heap,
  instantExtension,
  type Node,
  TEXT,
  TURN_CONTEXT,
} from "./fork-node.js";

const ROUNDS = Number(process.env["ROUNDS"] ?? 5);
const TURNS = Number(process.env["TURNS"] ?? 1000);
const WARMUP = Number(process.env["WARMUP"] ?? 1000);
const DEVICES = Number(process.env["DEVICES"] ?? 16);
/** Turns in flight per side at once (1: one after the other). */
const IN_FLIGHT = Math.min(Number(process.env["IN_FLIGHT"] ?? 1), DEVICES);
const BEFORE = process.env["BEFORE_NODE"];
const ALLOC_PROF = process.env["ALLOC_PROF"];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const gc = (globalThis as { gc?: () => void }).gc;

const extension = await instantExtension("We open at seven.");
const extensionUrl = extension.url;
const redis = await startRedis();

const sides: Node[] = [
  await forkNode("memory", { devices: DEVICES, extensionUrl }),
  await forkNode("redis", { devices: DEVICES, extensionUrl, env: { REDIS_URL: redis.url } }),
  ...(BEFORE
    ? [
        await forkNode("before", {
          devices: DEVICES,
          extensionUrl,
          env: { REDIS_URL: redis.url },
          file: BEFORE,
        }),
      ]
    : []),
];

/**
 * `total` turns, IN_FLIGHT at a time, each on the next device; a device has one turn at a time
 * (a second would supersede its first, cic.md §7.3): worker w takes devices w, w + IN_FLIGHT, …
 */
async function turns(n: Node, total: number) {
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async (_, w) => {
      const own = n.devices.filter((_, i) => i % IN_FLIGHT === w);
      for (let k = 0; next < total; k++) {
        next++;
        const { client } = own[k % own.length]!;
        const r = await client.sendText(TEXT, { context: TURN_CONTEXT });
        if (r.status !== 200 || r.directives.length === 0)
          throw new Error(`${n.name}: turn answered ${r.status}`);
      }
    }),
  );
}

// Events need their device's downchannel (cic.md §2.6).
for (const n of sides) for (const { client } of n.devices) await client.openDownchannel();
for (const n of sides) await turns(n, WARMUP);
const rows: Record<
  string,
  { allocated: number; promoted: number; scavenges: number; marks: number }
>[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const row: (typeof rows)[number] = {};
  for (const n of round % 2 === 0 ? sides : [...sides].reverse()) {
    gc?.();
    await ask(n, "gc");
    await ask(n, "heap-start");
    if (ALLOC_PROF) await ask(n, "alloc-start");
    await turns(n, TURNS);
    if (ALLOC_PROF) await ask(n, "alloc-stop");
    const heap = await ask<Heap>(n, "heap-stop");
    const count = (kind: string) => ((heap.kinds[kind]?.count ?? 0) / TURNS) * 1000;
    row[n.name] = {
      allocated: heap.allocated / TURNS,
      promoted: heap.promoted / TURNS,
      scavenges: count("Scavenge"),
      marks: count("MarkSweepCompact") + count("IncrementalMarking"),
    };
  }
  rows.push(row);
}

console.log(
  `allocation per text turn: ${ROUNDS} rounds of ${TURNS} turns per side, ${IN_FLIGHT} in flight, over ${DEVICES} devices (after ${WARMUP} turns of warm-up)`,
);
console.log(
  "| side | KB allocated per turn | KB promoted per turn | scavenges per 1,000 turns | mark-compacts per 1,000 turns |",
);
console.log("|---|---|---|---|---|");
for (const n of sides) {
  const med = (field: keyof (typeof rows)[number][string]) =>
    median(rows.map((r) => r[n.name]![field]));
  const per = (field: "allocated" | "promoted") =>
    `${(med(field) / 1024).toFixed(field === "allocated" ? 1 : 2)} (${rows.map((r) => (r[n.name]![field] / 1024).toFixed(field === "allocated" ? 1 : 2)).join(", ")})`;
  console.log(
    `| ${n.name} | ${per("allocated")} | ${per("promoted")} | ${med("scavenges").toFixed(1)} | ${med("marks").toFixed(2)} |`,
  );
}

for (const n of sides) await closeNode(n);
await extension.close();
await redis.stop();
