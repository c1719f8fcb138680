// Deadlines measured on a loaded machine. When the machine is busy (CI runs two test files side
// by side on shared cores), this process's main thread waits in the run queue for a CPU and
// every answer takes longer by that wait, whatever the server does. A deadline the server
// keeps (it answers or closes within N ms of its own time) is checked against the elapsed time
// minus that wait: a server that hangs still fails, as waiting for a timer or a socket is not
// waiting for a CPU. Linux reports the wait per thread (/proc/self/schedstat, run_delay, for
// the main thread); elsewhere nothing is subtracted.
import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";

/**
 * Milliseconds the main thread of this process (or of process `pid`) has waited for a CPU since
 * it started, or undefined.
 */
export function cpuWaitMs(pid: number | "self" = "self"): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/schedstat`, "utf8").trim().split(/\s+/);
    const ns = Number(fields[1]);
    return Number.isFinite(ns) ? ns / 1e6 : undefined;
  } catch {
    return undefined;
  }
}

export interface Stopwatch {
  /** Wall-clock milliseconds since the start. */
  elapsedMs(): number;
  /** Of those, the milliseconds the main thread waited for a CPU (0 where unknown). */
  waitedMs(): number;
  /** Elapsed minus waited: the time a deadline of the code under test is checked against. */
  ownMs(): number;
}

export function stopwatch(): Stopwatch {
  const started = performance.now();
  const waitedAtStart = cpuWaitMs();
  const waitedMs = () =>
    waitedAtStart === undefined ? 0 : Math.round((cpuWaitMs() ?? waitedAtStart) - waitedAtStart);
  const elapsedMs = () => Math.round(performance.now() - started);
  return { elapsedMs, waitedMs, ownMs: () => elapsedMs() - waitedMs() };
}

/**
 * A child process's own time: the elapsed time since it was started less the time its main
 * thread waited for a CPU. Its wait is read while it runs (its /proc entry goes when it exits),
 * every `everyMs`: the last reading is at most that old, so the wait is never overstated.
 */
export function childStopwatch(child: ChildProcess, everyMs = 50): Stopwatch {
  const started = performance.now();
  let waited = 0;
  let ended: number | undefined;
  const read = () => {
    const ms = child.pid === undefined ? undefined : cpuWaitMs(child.pid);
    if (ms !== undefined) waited = ms;
  };
  read();
  const timer = setInterval(read, everyMs);
  timer.unref();
  child.once("exit", () => {
    ended = performance.now();
    clearInterval(timer);
  });
  const elapsedMs = () => Math.round((ended ?? performance.now()) - started);
  const waitedMs = () => Math.round(waited);
  return { elapsedMs, waitedMs, ownMs: () => elapsedMs() - waitedMs() };
}

/** "3100 ms (2400 ms of it waiting for a CPU)": for assertion messages. */
export function describeWait(elapsedMs: number, waitedMs: number): string {
  return waitedMs > 0
    ? `${elapsedMs} ms (${waitedMs} ms of it waiting for a CPU)`
    : `${elapsedMs} ms`;
}
