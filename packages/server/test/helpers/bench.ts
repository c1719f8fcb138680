// Runs a benchmark as docs/benchmarks.md shows it (`npm run bench -- <name> [args]`), at the
// small size a test gives through the bench's own knobs (arguments, environment), so a bench
// that no longer starts, hangs or stops printing the lines the docs' tables read fails a test.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const REPO = fileURLToPath(new URL("../../../..", import.meta.url));

/** A figure as the benches print it: digits with optional thousands separators and decimals. */
export const FIGURE = String.raw`-?\d[\d,]*(?:\.\d+)?`;

/**
 * `npm run bench -- <name> [...args]` with these environment variables added; resolves with
 * what it printed (stdout and stderr), rejects with its tail when it fails or outlives
 * `timeoutMs`.
 */
export function runBench(
  name: string,
  args: readonly string[] = [],
  env: Record<string, string> = {},
  timeoutMs = 240_000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", "bench", "--", name, ...args], {
      cwd: REPO,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let out = "";
    const collect = (chunk: Buffer) => {
      out += chunk.toString();
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      // The whole group: npm, the bench and whatever servers it started.
      if (child.pid) process.kill(-child.pid, "SIGKILL");
    }, timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      const command = `npm run bench -- ${[name, ...args].join(" ")}`;
      if (code === 0) resolve(out);
      else
        reject(
          new Error(
            `${command} ${timedOut ? `took over ${timeoutMs} ms` : `exited ${code}`}:\n${out.slice(-3000)}`,
          ),
        );
    });
  });
}

/** Why a bench cannot run here (a program it needs is missing), or false. */
export function missingProgram(...programs: string[]): string | false {
  for (const program of programs) {
    if (program.startsWith("/")) {
      if (!existsSync(program)) return `${program} is not installed`;
    } else if (spawnSync("sh", ["-c", `command -v ${program}`]).status !== 0)
      return `${program} is not installed`;
  }
  return false;
}

/**
 * The cells after `first` of the Markdown table row that starts with it (it must be printed);
 * `first` may be several cells ("a | b").
 */
export function tableRow(output: string, first: string): string[] {
  const line = output.split("\n").find((l) => l.startsWith(`| ${first} |`));
  if (!line) throw new Error(`no table row "${first}" in:\n${output.slice(-3000)}`);
  return line
    .split("|")
    .slice(1 + first.split("|").length, -1)
    .map((cell) => cell.trim());
}

/**
 * The row's cells after the first (only `count` of them when given), each of which must be a
 * figure (a number, maybe with its unit).
 */
export function figuresOf(output: string, first: string, count?: number): number[] {
  return tableRow(output, first)
    .slice(0, count)
    .map((cell) => {
      const match = new RegExp(`^(${FIGURE})`).exec(cell);
      if (!match) throw new Error(`row "${first}": "${cell}" is not a figure`);
      return Number(match[1]!.replace(/,/g, ""));
    });
}
