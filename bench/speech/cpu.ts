// CPU and memory accounting that includes helper processes (Flite helper, pocketsphinx,
// espeak-ng): children's CPU appears in /proc/self/stat once they have exited and been reaped.
import { readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100;

/** CPU seconds of this process plus its finished children. */
export function cpuSeconds(): number {
  const own = process.cpuUsage();
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]?.split(" ") ?? [];
  // After "pid (comm) ": state is field 3; cutime and cstime are fields 16 and 17.
  const children = (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND;
  return (own.user + own.system) / 1e6 + children;
}

/** Resident memory of a process in MB (0 when it is gone). */
export function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}

/** The process ids of all descendants of a process. */
export function descendants(pid: number): number[] {
  const found: number[] = [];
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return found;
  }
  for (const child of children) found.push(child, ...descendants(child));
  return found;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
