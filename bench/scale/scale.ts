// Scale-out costs, side by side in one run on loopback (docs/benchmarks.md "Scale-out"). Each
// node runs in its own process (bench/scale/node.ts); this process is the devices and the
// extension for every contender alike.
//   1. Throughput: text turns through CIC, closed loop (CLIENTS devices, TURNS turns per side
//      and round), one node in memory vs one node on Redis; each round is BLOCKS blocks per
//      side, the sides alternating block by block (ABBA…), so a change in the machine's load
//      falls on both; a GC in every process before each block. CPU per turn of each node, of
//      redis-server and of this process (the devices and the extension), and the ratio of the
//      totals: the throughput ratio of a machine whose CPU is the bottleneck.
//   2. Added latency: paced turns (open loop: each turn's latency is counted from when it was
//      due, so a stall is not hidden), each side alone in BLOCKS alternating blocks (the
//      default, PACED_MODE=alone: pacedAlone) or every side at once, interleaved turn by turn
//      (PACED_MODE=together), at RATE turns/s per side (default: RATE_SHARE, a tenth, of the memory node's closed-loop
//      throughput, so the machine is far from saturated and a turn rarely queues behind
//      another), so every side meets the same stalls of a shared machine; p50/p90/p99 per side
//      and round; the added p99 is Redis minus memory (median of the rounds, and over all the
//      rounds' turns together), with the turns slower than STALL_MS and the nodes' GC pauses
//      counted per side. With PIN=1 (where taskset is present and the machine has two CPUs
//      or more) the paced turns run with every node on the upper half of the CPUs and this
//      process and redis-server on the lower half, the same for every side: a node never waits
//      for the devices' or Redis's process to leave its CPU, as with Redis on its own machine.
//      Unpinned is the default: on a 2-CPU machine pinning puts every node on one CPU, and
//      with three or four sides each one's tail is the others' GC pauses (docs/benchmarks.md).
//      The closed-loop blocks are never pinned (the throughput ratio includes redis-server's
//      CPU on the same machine).
//   Per node (node-probe.ts): bytes allocated and promoted per turn in the closed loop, the
//   collections by kind per 1,000 turns in the closed loop and the paced turns, and each paced
//   turn slower than SLOW_MS set against the GC pauses it overlapped (its node's, another
//   node's, this process's, none).
//   3. Pushes to a device's downchannel from the node holding it (local) vs from another node
//      sharing the Redis (cross-node), interleaved: p50/p99 from the push request to arrival.
// BEFORE_NODE=<another checkout's bench/scale/node.ts>: that checkout's node on Redis is a third
// contender in the same rounds (a change measured against the code before it).
// CONTROL=1: a second node in memory is one more side, an A/A control: its "added" figures
// against the first memory node are what this machine's noise alone makes of identical nodes.
// Needs redis-server. Run: npm run bench -- scale
//   (ROUNDS, TURNS, BLOCKS, CLIENTS, PACED, RATE or RATE_SHARE, PIN=0|1, STALL_MS, SLOW_MS, PUSHES,
//   REDIS_RT=1: redis-server gets a real-time CPU priority (chrt -f 10), as if on its own host: a
//   node never waits for the scheduler to give redis-server a core its peers hold;
//   NODE_FLAGS: flags for every node's process alike, ALLOC_PROF=<dir>: sampling heap profiles,
//   HEAP_SNAPSHOT=<dir>: each node's heap at the end)
import { type ChildProcess, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { PerformanceObserver } from "node:perf_hooks";
import type { DeviceClient } from "@clover/device";
import { Redis } from "ioredis";
import { startRedis } from "../../packages/server/test/helpers/redis.js";
import {
  ask,
  forkNode,
  type Heap,
  instantExtension,
  type Node,
  TEXT,
  TURN_CONTEXT,
} from "./fork-node.js";

const ROUNDS = Number(process.env["ROUNDS"] ?? 5);
const TURNS = Number(process.env["TURNS"] ?? 1200);
const CLIENTS = Number(process.env["CLIENTS"] ?? 16);
const PACED = Number(process.env["PACED"] ?? 3000);
const BLOCKS = Number(process.env["BLOCKS"] ?? 4);
const STALL_MS = Number(process.env["STALL_MS"] ?? 50);
/**
 * Paced turns of each side by itself in alternating blocks (alone, the default: one node of a
 * deployment has its cores to itself), or of every side at once, interleaved (together: on a
 * 2-core machine the Redis side then also waits for a core for redis-server that the other
 * nodes hold).
 */
const PACED_MODE = process.env["PACED_MODE"] ?? "alone";
if (PACED_MODE !== "together" && PACED_MODE !== "alone")
  throw new Error(`PACED_MODE=${PACED_MODE}: together or alone`);
const TOGETHER = PACED_MODE === "together";
/** Paced turns slower than this are set against the GC pauses they overlap. */
const SLOW_MS = Number(process.env["SLOW_MS"] ?? 10);
const RATE_SHARE = Number(process.env["RATE_SHARE"] ?? 0.1);
const CPUS = availableParallelism();
const PIN = process.env["PIN"] === "1" && CPUS >= 2 && spawnSync("taskset", ["-V"]).status === 0;
const PUSHES = Number(process.env["PUSHES"] ?? 1000);
const BEFORE = process.env["BEFORE_NODE"];
const CONTROL = process.env["CONTROL"] === "1";
/** ALLOC_PROF=<dir>: a sampling heap profile of each node's closed-loop blocks (node-probe.ts). */
const ALLOC_PROF = process.env["ALLOC_PROF"];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
};
const f = (n: number) => n.toFixed(2);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const gc = (globalThis as { gc?: () => void }).gc;

// The extension: answers every request at once (the same for every side).
const ext = await instantExtension("We open at seven.");
const extUrl = ext.url;
const redis = await startRedis();
const REDIS_RT = process.env["REDIS_RT"] === "1";
if (REDIS_RT) {
  const done = spawnSync("chrt", ["-f", "-p", "10", String(redis.pid())]);
  if (done.status !== 0)
    throw new Error(`chrt redis-server: ${done.stderr} (needs root or CAP_SYS_NICE)`);
}
/** The bench's own connection to Redis: reads the server's command counters. */
const stats = new Redis(redis.url);

/** Commands Redis has run so far by name (`INFO commandstats`: scripts' own commands count). */
async function commandCounts(): Promise<Map<string, number>> {
  const byName = new Map<string, number>();
  for (const line of (await stats.info("commandstats")).split("\n")) {
    const m = /^cmdstat_([^:]+):calls=(\d+)/.exec(line);
    if (m && m[1] !== "info") byName.set(m[1]!, Number(m[2]));
  }
  return byName;
}

const children: ChildProcess[] = [];
async function node(
  name: string,
  env: Record<string, string>,
  devices = CLIENTS,
  file?: string,
): Promise<Node> {
  const n = await forkNode(name, { env, devices, extensionUrl: extUrl, ...(file ? { file } : {}) });
  children.push(n.child);
  return n;
}

async function turn(client: DeviceClient) {
  const r = await client.sendText(TEXT, { context: TURN_CONTEXT });
  if (r.status !== 200 || r.directives.length === 0)
    throw new Error(`turn answered ${r.status} ${JSON.stringify(r.directives)}`);
}

/** Closed loop: every device sends its next turn as soon as its last one is answered. */
async function closedLoop(n: Node, total: number) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    n.devices.map(async ({ client }) => {
      while (next++ < total) {
        const t = performance.now();
        await turn(client);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { perSecond: (latencies.length / (performance.now() - started)) * 1000, latencies };
}

/**
 * Open loop at `rate` turns/s per side, all sides at once, interleaved turn by turn; latency
 * counted from when each turn was due. A turn goes to an idle device of its side (a second
 * turn on a busy one would supersede its first, cic.md §7.3); when none is idle it waits for
 * one, and that wait counts in its latency.
 */
async function paced(
  ns: Node[],
  total: number,
  rate: number,
): Promise<{ latencies: number[]; slow: [number, number][] }[]> {
  const sides = ns.map((n) => {
    const idle = n.devices.map((d) => d.client);
    const waiting: ((client: DeviceClient) => void)[] = [];
    return {
      name: n.name,
      latencies: [] as number[],
      /** Turns slower than SLOW_MS: [due, answered] in ms since the epoch. */
      slow: [] as [number, number][],
      release(client: DeviceClient) {
        const next = waiting.shift();
        if (next) next(client);
        else idle.push(client);
      },
      acquire: () => idle.pop() ?? new Promise<DeviceClient>((resolve) => waiting.push(resolve)),
    };
  });
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let k = 0; k < total * sides.length; k++) {
    const side = sides[k % sides.length]!;
    const due = started + (k * 1000) / (rate * sides.length);
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    inFlight.push(
      (async () => {
        const client = await side.acquire();
        await turn(client).catch((error) => {
          throw new Error(`${side.name}, paced turn ${k}: ${error.message}`);
        });
        const ms = performance.now() - due;
        side.latencies.push(ms);
        if (ms > SLOW_MS)
          side.slow.push([performance.timeOrigin + due, performance.timeOrigin + due + ms]);
        side.release(client);
      })(),
    );
  }
  await Promise.all(inFlight);
  return sides.map(({ latencies, slow }) => ({ latencies, slow }));
}

/**
 * PACED_MODE=alone: each side's paced turns by itself, in BLOCKS blocks per side that alternate
 * between the sides (A B B A …) as the closed loop's do: a side's turn never shares the machine
 * with another node's turns, as a node of a deployment has its cores to itself.
 */
async function pacedAlone(round: number) {
  const per = Math.ceil(PACED / BLOCKS);
  const into = sides.map(() => ({ latencies: [] as number[], slow: [] as [number, number][] }));
  for (let b = 0; b < BLOCKS; b++) {
    const order = (round + b) % 2 === 0 ? sides : [...sides].reverse();
    for (const n of order) {
      const [done] = await paced([n], per, RATE);
      const side = into[sides.indexOf(n)]!;
      side.latencies.push(...done!.latencies);
      side.slow.push(...done!.slow);
    }
  }
  return into;
}

/** This process's own GC pauses of 1 ms or more (the devices' and the extension's). */
const ownPauses: [number, number][] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const start = performance.timeOrigin + entry.startTime;
    if (entry.duration >= 1) ownPauses.push([start, start + entry.duration]);
  }
}).observe({ entryTypes: ["gc"] });

const memory = await node("memory", {});
const onRedis = await node("redis-a", { REDIS_URL: redis.url });
const before = BEFORE ? await node("before", { REDIS_URL: redis.url }, CLIENTS, BEFORE) : undefined;
const other = await node("redis-b", { REDIS_URL: redis.url }, 0);
const control = CONTROL ? await node("memory-b", {}) : undefined;
const sides = [memory, onRedis, ...(before ? [before] : []), ...(control ? [control] : [])];
for (const n of sides) for (const { client } of n.devices) await client.openDownchannel();

// Warm up every side alike (JIT, connections, the model), then fix the paced rate.
for (const n of sides)
  await closedLoop(n, Math.min(TURNS, 400)).catch((error) => {
    throw new Error(`${n.name}: ${error.message}`);
  });
// Per side: RATE_SHARE of what the machine does with the memory node alone, closed loop.
const RATE =
  Number(process.env["RATE"] ?? 0) ||
  Math.round((await closedLoop(memory, 400)).perSecond * RATE_SHARE);

/**
 * Sets the CPUs of processes (every thread: taskset -a); `cpus` undefined gives them all back.
 * The nodes get the upper half, this process and redis-server the lower one.
 */
function pin(on: boolean) {
  if (!PIN) return;
  const all = `0-${CPUS - 1}`;
  const half = Math.floor(CPUS / 2);
  const lower = on ? `0-${half - 1}` : all;
  const upper = on ? `${half}-${CPUS - 1}` : all;
  const set = (pid: number | undefined, cpus: string) => {
    if (pid === undefined) return;
    const done = spawnSync("taskset", ["-a", "-p", "-c", cpus, String(pid)]);
    if (done.status !== 0) throw new Error(`taskset ${pid}: ${done.stderr} (PIN=0 runs unpinned)`);
  };
  for (const n of [...sides, other]) set(n.child.pid, upper);
  set(redis.pid(), lower);
  set(process.pid, lower);
}

/** CPU time (ms) the node's process has used so far. */
const cpuOf = async (n: Node) => (await ask<{ ms: number }>(n, "cpu")).ms;

/** Commands the node's process has handed to its Redis client so far (node-probe.ts). */
const sentBy = async (n: Node) => (await ask<{ sent: number }>(n, "commands")).sent;

/** The GC pauses of the node's process since the last ask (node-probe.ts). */
const pausesOf = (n: Node) => ask<Pauses>(n, "pauses");

/** Collections by kind (node-probe.ts): Scavenge, MarkSweepCompact, … */
type Kinds = Heap["kinds"];
/** From here on, the node's process records its collections (node-probe.ts). */
const heapStart = (n: Node) => ask(n, "heap-start");
/** Bytes the node allocated and its collections by kind since `heapStart`. */
const heapStop = (n: Node) => ask<Heap>(n, "heap-stop");
/** Adds collections by kind into `into`. */
function addKinds(into: Kinds, from: Kinds) {
  for (const [kind, k] of Object.entries(from)) {
    const t = into[kind] ?? { count: 0, ms: 0, longest: 0, oldMb: 0 };
    into[kind] = t;
    t.count += k.count;
    t.ms += k.ms;
    if (k.longest >= t.longest) {
      t.longest = k.longest;
      t.oldMb = k.oldMb;
    }
  }
  return into;
}

/** A GC here and in the node's process, so that neither collects the previous side's garbage. */
async function collect(n: Node) {
  gc?.();
  await ask(n, "gc");
}

/** CPU time (ms) redis-server has used so far (Linux /proc; utime + stime at 100 ticks/s). */
function redisCpu(): number {
  const pid = redis.pid();
  if (!pid) return 0;
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** CPU time (ms) this process (the devices and the extension) has used so far. */
const ownCpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

interface Pauses {
  count: number;
  ms: number;
  longest: number;
  /** Pauses of 1 ms or more, [start, end] in ms since the epoch. */
  spans: [number, number][];
}

interface Slow {
  ownGc: number;
  otherGc: number;
  benchGc: number;
  none: number;
}

interface Side {
  perSecond: number;
  closedP99: number;
  cpuPerTurn: number;
  redisPerTurn: number;
  benchPerTurn: number;
  /** Commands the node sent Redis per turn (a script counts once). */
  commandsPerTurn: number;
  /** Commands Redis ran per turn by name (those run by scripts included). */
  byName: Record<string, number>;
  /** Bytes the node allocated on its JavaScript heap per turn (closed loop). */
  allocatedPerTurn: number;
  /** Bytes the node's young collections moved into the old generation per turn (closed loop). */
  promotedPerTurn: number;
  /** The node's collections by kind in the closed-loop blocks. */
  closedKinds: Kinds;
  latencies: number[];
  /** The node's GC pauses during the paced turns. */
  pauses: Pauses;
  /** Paced turns over SLOW_MS by what paused during them. */
  slow: Slow;
  /** The node's collections by kind during the paced turns. */
  pacedKinds: Kinds;
  /** The node's heap in use after the paced turns (MB). */
  heapMb: number;
}

/** One round of closed-loop blocks, the sides alternating block by block (ABBA…). */
async function throughputRound(
  round: number,
): Promise<Record<string, Omit<Side, "latencies" | "pauses" | "pacedKinds" | "heapMb" | "slow">>> {
  const totals = new Map(
    sides.map((n) => [
      n.name,
      {
        ms: 0,
        turns: 0,
        cpu: 0,
        redis: 0,
        bench: 0,
        commands: 0,
        byName: new Map<string, number>(),
        latencies: [] as number[],
        allocated: 0,
        promoted: 0,
        kinds: {} as Kinds,
      },
    ]),
  );
  const perBlock = Math.ceil(TURNS / BLOCKS);
  for (let b = 0; b < BLOCKS; b++) {
    const order = (round + b) % 2 === 0 ? sides : [...sides].reverse();
    for (const n of order) {
      await collect(n);
      const t = totals.get(n.name)!;
      const counted = await commandCounts();
      const sent = await sentBy(n);
      await heapStart(n);
      if (ALLOC_PROF) await ask(n, "alloc-start");
      const cpu = [await cpuOf(n), redisCpu(), ownCpu()];
      const started = performance.now();
      const block = await closedLoop(n, perBlock);
      t.ms += performance.now() - started;
      if (ALLOC_PROF) await ask(n, "alloc-stop");
      const heap = await heapStop(n);
      t.allocated += heap.allocated;
      t.promoted += heap.promoted;
      addKinds(t.kinds, heap.kinds);
      t.turns += block.latencies.length;
      t.latencies.push(...block.latencies);
      t.cpu += (await cpuOf(n)) - cpu[0]!;
      t.redis += redisCpu() - cpu[1]!;
      t.bench += ownCpu() - cpu[2]!;
      t.commands += (await sentBy(n)) - sent;
      for (const [name, calls] of await commandCounts())
        t.byName.set(name, (t.byName.get(name) ?? 0) + calls - (counted.get(name) ?? 0));
    }
  }
  return Object.fromEntries(
    [...totals].map(([name, t]) => [
      name,
      {
        perSecond: (t.turns / t.ms) * 1000,
        closedP99: pct(t.latencies, 0.99),
        cpuPerTurn: t.cpu / t.turns,
        redisPerTurn: t.redis / t.turns,
        benchPerTurn: t.bench / t.turns,
        commandsPerTurn: t.commands / t.turns,
        allocatedPerTurn: t.allocated / t.turns,
        promotedPerTurn: t.promoted / t.turns,
        closedKinds: t.kinds,
        byName: Object.fromEntries(
          [...t.byName].filter(([, c]) => c > 0).map(([name, c]) => [name, c / t.turns]),
        ),
      },
    ]),
  );
}

const rows: Record<string, Side>[] = [];
const pushes: { local: number[]; remote: number[] }[] = [];
const load: number[] = [loadavg()[0]!];
for (let round = 0; round < ROUNDS; round++) {
  const throughput = await throughputRound(round);
  for (const n of sides) await collect(n);
  for (const n of sides) await pausesOf(n); // from here on
  for (const n of sides) await heapStart(n);
  ownPauses.length = 0;
  pin(true);
  const latencies = await (TOGETHER ? paced(sides, PACED, RATE) : pacedAlone(round)).finally(() =>
    pin(false),
  );
  const gcs = await Promise.all(sides.map(pausesOf));
  const overlaps = (turn: [number, number], spans: [number, number][]) =>
    spans.some(([start, end]) => start < turn[1] && end > turn[0]);
  const heaps = await Promise.all(sides.map(heapStop));
  rows.push(
    Object.fromEntries(
      sides.map((n, i) => [
        n.name,
        {
          ...throughput[n.name]!,
          latencies: latencies[i]!.latencies,
          pauses: gcs[i]!,
          // Each slow turn counted once, in the first of: its node paused, another node
          // paused, this process (devices, extension) paused, none of them.
          slow: latencies[i]!.slow.reduce(
            (into, t) => {
              if (overlaps(t, gcs[i]!.spans)) into.ownGc++;
              else if (gcs.some((g, j) => j !== i && overlaps(t, g.spans))) into.otherGc++;
              else if (overlaps(t, ownPauses)) into.benchGc++;
              else into.none++;
              return into;
            },
            { ownGc: 0, otherGc: 0, benchGc: 0, none: 0 },
          ),
          pacedKinds: heaps[i]!.kinds,
          heapMb: heaps[i]!.heapMb,
        },
      ]),
    ),
  );
  pushes.push(await pushRound());
  load.push(loadavg()[0]!);
}

/** PUSHES pushes to one device of the Redis node: from it (local), from `other` (cross-node). */
async function pushRound() {
  const target = onRedis.devices[0]!;
  let arrived: (() => void) | undefined;
  target.client.closeDownchannel();
  await sleep(1100); // the downchannel burst window
  await target.client.openDownchannel(() => arrived?.());
  const local: number[] = [];
  const remote: number[] = [];
  for (let i = 0; i < PUSHES; i++) {
    for (const [from, into] of [
      [onRedis, local],
      [other, remote],
    ] as const) {
      const arrival = new Promise<void>((resolve) => (arrived = resolve));
      const t = performance.now();
      from.child.send({ type: "push", key: target.key, i });
      await arrival;
      into.push(performance.now() - t);
    }
  }
  return { local, remote };
}

const ratioOf = (name: string) =>
  median(rows.map((r) => r[name]!.perSecond / r["memory"]!.perSecond));
const p = (name: string, q: number) => (r: Record<string, Side>) => pct(r[name]!.latencies, q);
const addedP99 = (name: string) => median(rows.map((r) => p(name, 0.99)(r) - p("memory", 0.99)(r)));
const pooled = (name: string) => rows.flatMap((r) => r[name]!.latencies);
const stalls = (name: string) => pooled(name).filter((ms) => ms > STALL_MS).length;
const med = (
  name: string,
  field: Exclude<
    keyof Side,
    "latencies" | "byName" | "pauses" | "closedKinds" | "pacedKinds" | "slow"
  >,
) => median(rows.map((r) => r[name]![field]));
/** All the CPU one turn costs on the machine: the node, redis-server, the devices + extension. */
const totalCpu = (name: string) =>
  median(rows.map((r) => r[name]!.cpuPerTurn + r[name]!.redisPerTurn + r[name]!.benchPerTurn));
const names = sides.map((s) => s.name);
console.log(
  `scale-out${REDIS_RT ? " (redis-server at real-time CPU priority)" : ""}: ${ROUNDS} rounds; per side and round ${TURNS} closed-loop turns from ${CLIENTS} devices in ${BLOCKS} alternating blocks, ${PACED} turns paced at ${RATE}/s per side (${process.env["RATE"] ? "RATE" : `${RATE_SHARE} of the memory node's closed-loop throughput`}) ${TOGETHER ? "with every side at once" : `each side alone in ${BLOCKS} alternating blocks`}, ${PIN ? `pinned: nodes on CPUs ${Math.floor(CPUS / 2)}-${CPUS - 1}, devices, extension and redis-server on 0-${Math.floor(CPUS / 2) - 1}` : "not pinned"}; ${PUSHES} pushes each way`,
);
console.log(`load average (1 min) during the run: ${load.map((l) => l.toFixed(1)).join(" → ")}`);
console.log(
  `| round | ${names.map((n) => `${n} turns/s`).join(" | ")} | ${names.map((n) => `${n} paced p50 / p90 / p99 ms`).join(" | ")} | push p99 local / cross-node ms |`,
);
console.log(`|---|${names.map(() => "---|---|").join("")}---|`);
rows.forEach((r, i) => {
  const push = pushes[i]!;
  console.log(
    `| ${i + 1} | ${names.map((n) => r[n]!.perSecond.toFixed(0)).join(" | ")} | ${names.map((n) => `${f(p(n, 0.5)(r))} / ${f(p(n, 0.9)(r))} / ${f(p(n, 0.99)(r))}`).join(" | ")} | ${f(pct(push.local, 0.99))} / ${f(pct(push.remote, 0.99))} |`,
  );
});
for (const n of names.slice(1)) {
  console.log(
    `${n}: median throughput ratio ${n}/memory ${f(ratioOf(n))} (target ≥ 0.85); CPU-bound ratio (total CPU per turn, memory/${n}) ${f(totalCpu("memory") / totalCpu(n))}; added p99 at ${RATE} turns/s per side: median of rounds ${f(addedP99(n))} ms, all rounds' turns ${f(pct(pooled(n), 0.99) - pct(pooled("memory"), 0.99))} ms (target ≤ 1 ms); added p50 ${f(median(rows.map((r) => p(n, 0.5)(r) - p("memory", 0.5)(r))))} ms, added p90 ${f(median(rows.map((r) => p(n, 0.9)(r) - p("memory", 0.9)(r))))} ms; turns over ${STALL_MS} ms: ${stalls(n)} vs memory ${stalls("memory")} of ${pooled(n).length}; closed-loop p99 ${f(med(n, "closedP99"))} vs memory ${f(med("memory", "closedP99"))} ms`,
  );
}
console.log(
  `GC pauses of each node during the paced turns (all rounds): ${names
    .map((n) => {
      const all = rows.map((r) => r[n]!.pauses);
      const count = all.reduce((a, x) => a + x.count, 0);
      const ms = all.reduce((a, x) => a + x.ms, 0);
      return `${n} ${count} (${f(ms)} ms, ${f((ms / pooled(n).length) * 1000)} µs per turn, longest ${f(Math.max(...all.map((x) => x.longest)))} ms)`;
    })
    .join("; ")}`,
);
console.log(
  `paced turns over ${SLOW_MS} ms (all rounds) during a GC pause of their own node / of another node / of the devices' and extension's process / none: ${names
    .map((n) => {
      const all = rows.map((r) => r[n]!.slow);
      const sum = (k: keyof Slow) => all.reduce((a, x) => a + x[k], 0);
      return `${n} ${sum("ownGc")} / ${sum("otherGc")} / ${sum("benchGc")} / ${sum("none")}`;
    })
    .join("; ")}`,
);
/** Collections by kind per 1,000 turns: count, ms, longest (old generation at the longest). */
const kindsPer1000 = (kinds: Kinds, turns: number) =>
  Object.entries(kinds)
    .sort((a, b) => b[1].ms - a[1].ms)
    .map(
      ([kind, k]) =>
        `${kind} ${f((k.count / turns) * 1000)} (${f((k.ms / turns) * 1000)} ms, longest ${f(k.longest)} ms at ${k.oldMb.toFixed(0)} MB old)`,
    )
    .join(", ");
for (const n of names) {
  const turns = (field: "closed" | "paced") =>
    field === "closed" ? rows.length * Math.ceil(TURNS / BLOCKS) * BLOCKS : pooled(n).length;
  const sum = (field: "closedKinds" | "pacedKinds") =>
    rows.reduce((into, r) => addKinds(into, r[n]![field]), {} as Kinds);
  console.log(
    `${n}: allocated per turn (median of rounds, closed loop) ${(med(n, "allocatedPerTurn") / 1024).toFixed(1)} KB, promoted ${(med(n, "promotedPerTurn") / 1024).toFixed(2)} KB; heap in use after the paced turns ${f(med(n, "heapMb"))} MB; collections per 1,000 turns, closed loop: ${kindsPer1000(sum("closedKinds"), turns("closed"))}; paced: ${kindsPer1000(sum("pacedKinds"), turns("paced"))}`,
  );
}
console.log(
  `CPU per turn (median of rounds, closed loop): ${names.map((n) => `${n} node ${f(med(n, "cpuPerTurn"))} ms + redis-server ${f(med(n, "redisPerTurn"))} ms + devices and extension ${f(med(n, "benchPerTurn"))} ms`).join("; ")}`,
);
for (const n of names.slice(1).filter((n) => n !== control?.name)) {
  const last = rows.at(-1)![n]!.byName;
  console.log(
    `${n}: Redis commands sent per turn (median of rounds) ${f(med(n, "commandsPerTurn"))}; run by Redis per turn (last round, scripts' own included): ${Object.entries(
      last,
    )
      .sort((a, b) => b[1] - a[1])
      .map(([name, c]) => `${name} ${f(c)}`)
      .join(", ")}`,
  );
}
console.log(
  `push p50 local ${f(median(pushes.map((x) => pct(x.local, 0.5))))} ms, cross-node ${f(median(pushes.map((x) => pct(x.remote, 0.5))))} ms; p99 local ${f(median(pushes.map((x) => pct(x.local, 0.99))))} ms, cross-node ${f(median(pushes.map((x) => pct(x.remote, 0.99))))} ms (target ≤ local + 5 ms)`,
);

// HEAP_SNAPSHOT=<dir>: each node's heap as the run ends (node-probe.ts).
if (process.env["HEAP_SNAPSHOT"]) for (const n of sides) await ask(n, "snapshot");
for (const n of [...sides, other]) {
  for (const { client } of n.devices) client.close();
  n.child.send({ type: "close" });
}
await Promise.all(
  children.map((c) => new Promise((r) => (c.exitCode === null ? c.once("exit", r) : r(0)))),
);
await ext.close();
stats.disconnect();
await redis.stop();
