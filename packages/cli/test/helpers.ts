// Runs the real `clover` binary in a subprocess, with its own config dir and no colours.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { childStopwatch } from "../../server/test/helpers/cpu-wait.js";

export const BIN = fileURLToPath(new URL("../bin/clover.js", import.meta.url));
export const REPO = fileURLToPath(new URL("../../../", import.meta.url));

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The process's own time (elapsed less its waits for a CPU) and those waits, in ms. */
  ownMs: number;
  waitedMs: number;
}

export interface RunOptions {
  env?: Record<string, string>;
  input?: string;
  cwd?: string;
  timeoutMs?: number;
}

const tempDirs: string[] = [];
process.once("exit", () => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory under the system's temporary one, removed when the test file ends. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `clover-cli-${prefix}-`));
  tempDirs.push(dir);
  return dir;
}

export function spawnClover(args: string[], options: RunOptions = {}): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO,
    env: {
      ...process.env,
      NO_COLOR: "1",
      CLOVER_LOG_LEVEL: "silent",
      CLOVER_URL: "",
      CLOVER_ADMIN_TOKEN: "",
      CLOVER_WARM_MODELS: "false",
      ...options.env,
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
}

export function clover(args: string[], options: RunOptions = {}): Promise<RunResult> {
  const child = spawnClover(args, options);
  const watch = childStopwatch(child);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdin!.end(options.input ?? "");
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`clover ${args.join(" ")} did not finish:\n${stdout}\n${stderr}`));
    }, options.timeoutMs ?? 150_000); // generous: a loaded CI machine runs the CLI slowly
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ownMs: watch.ownMs(), waitedMs: watch.waitedMs() });
    });
  });
}

/** Starts `clover serve --json` and resolves with what it printed once it listens. */
export function serve(
  args: string[],
  options: RunOptions = {},
): Promise<{ child: ChildProcess; info: Record<string, unknown>; output: () => string }> {
  const child = spawnClover(["--json", "serve", ...args], options);
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`clover serve did not start:\n${stdout}\n${stderr}`));
    }, options.timeoutMs ?? 150_000); // generous: a loaded CI machine runs the CLI slowly
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      try {
        const info = JSON.parse(stdout) as Record<string, unknown>;
        clearTimeout(timer);
        resolve({ child, info, output: () => stdout + stderr });
      } catch {}
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`clover serve exited with ${code}:\n${stdout}\n${stderr}`));
    });
  });
}

/** `clover serve` on 127.0.0.1, a free port and `dataDir`, without speech engines. */
export function serveLocal(dataDir: string, options: RunOptions = {}) {
  return serve(
    ["--port", "0", "--host", "127.0.0.1", "--data-dir", dataDir, "--tts", "none", "--asr", "none"],
    options,
  );
}

export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

/** Changes every device the CLI saved in `configDir` (tests of a platform that forgot them). */
export function editSavedDevices(
  configDir: string,
  edit: (device: Record<string, unknown>) => void,
): void {
  const file = join(configDir, "config.json");
  const settings = JSON.parse(readFileSync(file, "utf8"));
  for (const device of Object.values(settings.devices) as Record<string, unknown>[]) edit(device);
  writeFileSync(file, JSON.stringify(settings));
}
