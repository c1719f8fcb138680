// Preloaded into each node of bench/scale/scale.ts (`--import`), whichever checkout the node
// comes from (a BEFORE_NODE too), so every side is measured alike. Answers the bench's
//   `commands`: the commands the process has sent through ioredis so far (a script call counts
//     once; a pipeline's commands one each, as exec hands each to the connection);
//   `pauses`: the garbage collector's pauses since the last ask (count, total and longest ms,
//     and when each of 1 ms or more was);
//   `heap-start` / `heap-stop`: what the heap did in between (v8.GCProfiler): the bytes the
//     process allocated on the JavaScript heap (what each collection found in use, less what
//     the one before it left, plus the growth since the last), the bytes young collections
//     moved into the old generation (promoted), and the collections by kind
//     (count, total and longest ms, the old generation's size at the longest);
//   `alloc-start` / `alloc-stop` (with ALLOC_PROF=<dir>): a sampling heap profile of what the
//     process allocated in between, collected objects included, written to
//     <dir>/<NODE_ID>-<n>.heapprofile (bench/profile-summary.mjs reads it);
//   `snapshot` (with HEAP_SNAPSHOT=<dir>): a heap snapshot, <dir>/<NODE_ID>.heapsnapshot.
// Nothing here allocates per turn: the command count is a counter, the GC observers record one
// entry per collection.
// ioredis is resolved from the node's own checkout.
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { createRequire } from "node:module";
import { PerformanceObserver, performance } from "node:perf_hooks";
import { GCProfiler, getHeapStatistics, writeHeapSnapshot } from "node:v8";

const require = createRequire(process.argv[1]!);
const { Redis } = require("ioredis") as typeof import("ioredis");
const send = Redis.prototype.sendCommand;
let sent = 0;
// Two arguments as ioredis passes them (no rest array per command).
Redis.prototype.sendCommand = function (
  this: InstanceType<typeof Redis>,
  command: Parameters<typeof send>[0],
  stream?: Parameters<typeof send>[1],
) {
  sent++;
  return send.call(this, command, stream);
} as typeof send;

/** Pauses of 1 ms or more: [start, end] in ms since the epoch, to set against slow turns. */
let pauses = { count: 0, ms: 0, longest: 0, spans: [] as [number, number][] };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    pauses.count++;
    pauses.ms += entry.duration;
    pauses.longest = Math.max(pauses.longest, entry.duration);
    const start = performance.timeOrigin + entry.startTime;
    if (entry.duration >= 1) pauses.spans.push([start, start + entry.duration]);
  }
}).observe({ entryTypes: ["gc"] });

interface Kind {
  count: number;
  ms: number;
  longest: number;
  /** Old generation in use (MB) before the longest one. */
  oldMb: number;
}
interface GcEntry {
  gcType: string;
  cost: number;
  beforeGC: { heapStatistics: { usedHeapSize: number }; heapSpaceStatistics: Space[] };
  afterGC: { heapStatistics: { usedHeapSize: number }; heapSpaceStatistics: Space[] };
}
interface Space {
  spaceName: string;
  spaceUsedSize: number;
}

/** The old generation's bytes in use (old and large-object spaces). */
const old = (spaces: Space[]) =>
  spaces.reduce(
    (sum, s) =>
      s.spaceName === "old_space" || s.spaceName === "large_object_space"
        ? sum + s.spaceUsedSize
        : sum,
    0,
  );

let profiler: GCProfiler | undefined;
let startUsed = 0;
function heapStop() {
  const entries = ((profiler?.stop() as { statistics?: GcEntry[] } | undefined)?.statistics ??
    []) as GcEntry[];
  profiler = undefined;
  let allocated = 0;
  let promoted = 0;
  let last = startUsed;
  const kinds: Record<string, Kind> = {};
  for (const e of entries) {
    allocated += Math.max(0, e.beforeGC.heapStatistics.usedHeapSize - last);
    last = e.afterGC.heapStatistics.usedHeapSize;
    if (e.gcType === "Scavenge")
      promoted += old(e.afterGC.heapSpaceStatistics) - old(e.beforeGC.heapSpaceStatistics);
    const k = kinds[e.gcType] ?? { count: 0, ms: 0, longest: 0, oldMb: 0 };
    kinds[e.gcType] = k;
    k.count++;
    k.ms += e.cost / 1000;
    if (e.cost / 1000 >= k.longest) {
      k.longest = e.cost / 1000;
      const old = e.beforeGC.heapSpaceStatistics.find((s) => s.spaceName === "old_space");
      k.oldMb = (old?.spaceUsedSize ?? 0) / 1e6;
    }
  }
  allocated += Math.max(0, getHeapStatistics().used_heap_size - last);
  return { allocated, promoted, kinds, heapMb: getHeapStatistics().used_heap_size / 1e6 };
}

const session = process.env["ALLOC_PROF"] ? new Session() : undefined;
session?.connect();
let profiles = 0;

process.on("message", async (m: { type: string }) => {
  if (m.type === "commands") process.send?.({ type: "commands", sent });
  else if (m.type === "pauses") {
    process.send?.({ type: "pauses", ...pauses });
    pauses = { count: 0, ms: 0, longest: 0, spans: [] };
  } else if (m.type === "heap-start") {
    profiler?.stop();
    profiler = new GCProfiler();
    startUsed = getHeapStatistics().used_heap_size;
    profiler.start();
    process.send?.({ type: "heap-start" });
  } else if (m.type === "heap-stop") process.send?.({ type: "heap-stop", ...heapStop() });
  else if (m.type === "snapshot" && process.env["HEAP_SNAPSHOT"]) {
    const file = writeHeapSnapshot(
      `${process.env["HEAP_SNAPSHOT"]}/${process.env["NODE_ID"]}.heapsnapshot`,
    );
    process.send?.({ type: "snapshot", file });
  } else if (m.type === "alloc-start" && session) {
    await session.post("HeapProfiler.enable");
    await session.post("HeapProfiler.startSampling", {
      samplingInterval: 4096,
      includeObjectsCollectedByMajorGC: true,
      // ALLOC_SURVIVORS=1: only what outlived the young generation (promoted), by site.
      includeObjectsCollectedByMinorGC: process.env["ALLOC_SURVIVORS"] !== "1",
    });
    process.send?.({ type: "alloc-start" });
  } else if (m.type === "alloc-stop" && session) {
    // What died young since the last scavenge is dropped from the profile too.
    const gc = (globalThis as { gc?: (options: { type: string }) => void }).gc;
    if (process.env["ALLOC_SURVIVORS"] === "1") for (let i = 0; i < 2; i++) gc?.({ type: "minor" });
    const { profile } = await session.post("HeapProfiler.stopSampling");
    const file = `${process.env["ALLOC_PROF"]}/${process.env["NODE_ID"]}-${++profiles}.heapprofile`;
    writeFileSync(file, JSON.stringify(profile));
    process.send?.({ type: "alloc-stop", file });
  }
});
