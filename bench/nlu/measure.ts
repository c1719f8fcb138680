// Shared measuring helpers for the NLU benchmarks.
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";

export interface Figures {
  intentAccuracy: number;
  slotF1: number;
  p50: number;
  /** Wall-clock percentiles of one recognize call (medians over rounds where there are several). */
  p99: number;
  /** p99 of each utterance's fastest call over several rounds (when measured). */
  p99Best?: number;
  /** CPU time per recognize call, mean over the run (per-call CPU clocks are too coarse). */
  cpuPerCall: number;
  compileMs: number;
  /** CPU time of the compile (the machine may be shared; wall time then overstates). */
  compileCpuMs: number;
  heapMb: number;
  rssMb: number;
}

/** Runs fn, returning its result with wall-clock and CPU milliseconds. */
export async function timed<T>(
  fn: () => T | Promise<T>,
): Promise<{ value: T; wall: number; cpu: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { value, wall, cpu: (cpu.user + cpu.system) / 1000 };
}

/** Median of a few numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

/** Heap and RSS in MB after a full collection (needs node --expose-gc for exact figures). */
export function memory(): { heap: number; rss: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return { heap: m.heapUsed / 2 ** 20, rss: m.rss / 2 ** 20 };
}

/** Slot F1 with exact span (case-insensitive surface) and label. */
export class SlotScore {
  tp = 0;
  fp = 0;
  fn = 0;
  add(gold: readonly string[], predicted: readonly string[]): void {
    const left = [...gold];
    for (const p of predicted) {
      const k = left.indexOf(p);
      if (k >= 0) {
        this.tp++;
        left.splice(k, 1);
      } else this.fp++;
    }
    this.fn += left.length;
  }
  get f1(): number {
    const p = this.tp / Math.max(1, this.tp + this.fp);
    const r = this.tp / Math.max(1, this.tp + this.fn);
    return p + r === 0 ? 0 : (2 * p * r) / (p + r);
  }
}

export const slotKey = (label: string, surface: string) =>
  `${label}=${surface.trim().toLowerCase().replace(/\s+/g, " ")}`;

/** Dataset directory: argument, then CLOVER_DATASETS, then ../shared/datasets next to the repo. */
export function datasetDir(sub: string): string {
  const arg = process.argv[2];
  if (arg) return arg;
  const base =
    process.env.CLOVER_DATASETS ??
    fileURLToPath(new URL("../../../shared/datasets", import.meta.url));
  return `${base.replace(/\/$/, "")}/${sub}`;
}

export const fmt = {
  pct: (x: number) => `${(100 * x).toFixed(1)}%`,
  ms: (x: number) => (x < 10 ? `${x.toFixed(3)} ms` : `${x.toFixed(0)} ms`),
  s: (x: number) => `${(x / 1000).toFixed(2)} s`,
  mb: (x: number) => `${x.toFixed(0)} MB`,
  f1: (x: number) => x.toFixed(3),
};

/**
 * Wall-clock latency of `call` over every text, in rounds (the machine may be shared; one busy
 * moment should not decide the p99): medians of each round's p50 and p99, the p99 of each
 * text's fastest round (its own cost without time slices another process took), and the
 * mean CPU time per call. Several LatencyRounds can take turns, so that two recognizers are
 * compared over the same moments of the machine.
 */
export class LatencyRounds {
  readonly #p50s: number[] = [];
  readonly #p99s: number[] = [];
  readonly #best: number[];
  #cpu = 0;
  #calls = 0;

  constructor(
    readonly texts: readonly string[],
    readonly call: (text: string) => unknown,
  ) {
    this.#best = new Array<number>(texts.length).fill(Number.POSITIVE_INFINITY);
  }

  round(): void {
    const times: number[] = [];
    const c0 = process.cpuUsage();
    this.texts.forEach((text, i) => {
      const t0 = performance.now();
      this.call(text);
      const ms = performance.now() - t0;
      times.push(ms);
      this.#best[i] = Math.min(this.#best[i] as number, ms);
    });
    const cpu = process.cpuUsage(c0);
    this.#cpu += (cpu.user + cpu.system) / 1000;
    this.#calls += this.texts.length;
    times.sort((a, b) => a - b);
    this.#p50s.push(percentile(times, 0.5));
    this.#p99s.push(percentile(times, 0.99));
  }

  result(): { p50: number; p99: number; p99Best: number; cpuPerCall: number } {
    return {
      p50: median(this.#p50s),
      p99: median(this.#p99s),
      p99Best: percentile(
        [...this.#best].sort((a, b) => a - b),
        0.99,
      ),
      cpuPerCall: this.#cpu / Math.max(1, this.#calls),
    };
  }
}

export function latencyRounds(
  texts: readonly string[],
  rounds: number,
  call: (text: string) => unknown,
): { p50: number; p99: number; p99Best: number; cpuPerCall: number } {
  const measured = new LatencyRounds(texts, call);
  for (let round = 0; round < rounds; round++) measured.round();
  return measured.result();
}

/** Load averages (1, 5, 15 minutes) for a benchmark's heading. */
export function load(): string {
  return loadavg()
    .map((x) => x.toFixed(1))
    .join(" / ");
}
