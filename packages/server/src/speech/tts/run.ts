// Runs an engine program once (espeak-ng, flite): text in, bytes out, with a time limit, and
// killed when the caller no longer wants the result.
import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

export interface RunOptions {
  /** Written to the program's standard input (which is closed either way). */
  input?: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Debian package named when the program is missing. */
  packageName: string;
}

export function runProgram(command: string, args: string[], options: RunOptions): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(options.signal.reason);
      return;
    }
    const child = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let err = "";
    let settled = false;
    const settle = (error: unknown, value?: Buffer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      if (error) reject(error);
      else resolve(value as Buffer);
    };
    const onAbort = () => settle(options.signal?.reason);
    options.signal?.addEventListener("abort", onAbort, { once: true });
    const timer = setTimeout(
      () => settle(new Error(`${command} took longer than ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => {
      err = (err + chunk.toString()).slice(-2000);
    });
    child.on("error", (error: NodeJS.ErrnoException) =>
      settle(
        error.code === "ENOENT"
          ? new Error(`${command} is not installed (Debian package ${options.packageName})`)
          : error,
      ),
    );
    child.on("close", (code) => {
      if (code === 0) settle(undefined, Buffer.concat(out));
      else settle(new Error(`${command} exited with code ${code}: ${err.trim()}`));
    });
    child.stdin.on("error", () => {});
    child.stdin.end(options.input ?? "");
  });
}

/** The full path of a program on the PATH, or undefined when it is not installed. */
export function findProgram(name: string): string | undefined {
  for (const dir of (process.env["PATH"] ?? "").split(delimiter)) {
    if (!dir) continue;
    const path = join(dir, name);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {}
  }
  return undefined;
}
