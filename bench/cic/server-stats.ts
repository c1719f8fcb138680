// What a benchmark server did between two questions from turns.ts (IPC message "stats"): its
// garbage collections (how many of each kind, their pauses, with start times to lay beside
// h2load's per-request log), the bytes it allocated and promoted, and, with COUNT_ASYNC=1, the
// async resources it created (promises, ticks, timers…) — figures that do not depend on how
// busy the machine is, unlike turns per second. ALLOC_PROF=<dir>: a sampling allocation profile
// of the measured rounds (objects the collections freed included), written at exit as
// <dir>/<pid>.heapprofile (summarize with bench/profile-summary.mjs).
import { createHook } from "node:async_hooks";
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { join } from "node:path";
import { PerformanceObserver, performance } from "node:perf_hooks";
import { GCProfiler, getHeapStatistics } from "node:v8";

/** One collection: V8's kind, its start (ms since the epoch) and its pause (ms). */
export interface GcPause {
  kind: string;
  start: number;
  ms: number;
}

export interface ServerStats {
  type: "stats";
  pauses: GcPause[];
  /** Bytes allocated on the JS heap since the last question (from the heap before each GC). */
  allocated: number;
  /** Bytes moved from the young to the old generation by scavenges. */
  promoted: number;
  /** Old generation (old space + large objects) after the last collection, bytes. */
  oldAfter: number;
  /** Async resources created, by type (COUNT_ASYNC=1 only). */
  async: Record<string, number>;
}

const KINDS: Record<number, string> = { 1: "scavenge", 2: "minor-mc", 4: "mark-compact" };

interface Space {
  spaceName: string;
  spaceUsedSize: number;
}
interface Snapshot {
  heapStatistics: { usedHeapSize: number };
  heapSpaceStatistics: Space[];
}
interface Profile {
  statistics: { gcType: string; beforeGC: Snapshot; afterGC: Snapshot }[];
}

const old = (s: Snapshot) =>
  s.heapSpaceStatistics
    .filter((x) => x.spaceName === "old_space" || x.spaceName === "large_object_space")
    .reduce((sum, x) => sum + x.spaceUsedSize, 0);

/** Answers turns.ts's "stats" messages on the IPC channel (a no-op without one). */
export function answerStats(): void {
  if (!process.send) return;
  let pauses: GcPause[] = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = (e as unknown as { detail?: { kind?: number } }).detail?.kind ?? 0;
      // Incremental marking steps and weak callbacks are not pauses of their own.
      if (!KINDS[kind]) continue;
      pauses.push({
        kind: KINDS[kind]!,
        start: performance.timeOrigin + e.startTime,
        ms: e.duration,
      });
    }
  }).observe({ entryTypes: ["gc"] });
  const counts: Record<string, number> = {};
  if (process.env["COUNT_ASYNC"] === "1")
    createHook({
      init(_id, type) {
        counts[type] = (counts[type] ?? 0) + 1;
      },
    }).enable();
  let profiler = new GCProfiler();
  profiler.start();
  let lastUsed = getHeapStatistics().used_heap_size;
  let oldAfter = 0;
  const allocDir = process.env["ALLOC_PROF"];
  let sampling: Session | undefined;
  process.on("message", (m: { type?: string; warm?: boolean }) => {
    if (m?.type !== "stats") return;
    if (allocDir && !m.warm && !sampling) {
      sampling = new Session();
      sampling.connect();
      sampling.post("HeapProfiler.startSampling", {
        samplingInterval: 4096,
        includeObjectsCollectedByMajorGC: true,
        // ALLOC_PROF_MINOR=0: only what outlived the young generation (promoted or kept).
        includeObjectsCollectedByMinorGC: process.env["ALLOC_PROF_MINOR"] !== "0",
      });
      process.on("exit", () =>
        sampling!.post("HeapProfiler.stopSampling", (error, result) => {
          if (!error)
            writeFileSync(
              join(allocDir, `${process.pid}.heapprofile`),
              JSON.stringify(result.profile),
            );
        }),
      );
    }
    const profile = profiler.stop() as unknown as Profile;
    profiler = new GCProfiler();
    profiler.start();
    let allocated = 0;
    let promoted = 0;
    for (const gc of profile.statistics) {
      allocated += gc.beforeGC.heapStatistics.usedHeapSize - lastUsed;
      lastUsed = gc.afterGC.heapStatistics.usedHeapSize;
      if (gc.gcType === "Scavenge") promoted += Math.max(0, old(gc.afterGC) - old(gc.beforeGC));
      oldAfter = old(gc.afterGC);
    }
    const used = getHeapStatistics().used_heap_size;
    allocated += used - lastUsed;
    lastUsed = used;
    const stats: ServerStats = {
      type: "stats",
      pauses,
      allocated,
      promoted,
      oldAfter,
      async: { ...counts },
    };
    pauses = [];
    for (const key of Object.keys(counts)) delete counts[key];
    process.send!(stats);
  });
}
