// Starts an extension server as a child process and waits for the URL it prints, so tests can
// talk to the real thing over HTTP.
import { spawn } from "node:child_process";

export interface ServerProcess {
  url: string;
  pid: number;
  /** Everything the process printed so far. */
  output(): string;
  stop(): Promise<void>;
}

export interface ServerProcessOptions {
  /** Script to run; TypeScript runs through tsx with the workspace source condition. */
  script: string;
  cwd?: string;
  env?: Record<string, string>;
  /** Default 30 s. */
  timeoutMs?: number;
}

const URL_PATTERN = /https?:\/\/[^\s)]+/;

export function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const args = options.script.endsWith(".ts")
    ? ["--conditions=@clover/source", "--import", "tsx", options.script]
    : [options.script];
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(
        new Error(
          `${options.script} printed no URL within ${options.timeoutMs ?? 30_000} ms:\n${output}`,
        ),
      );
    }, options.timeoutMs ?? 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = URL_PATTERN.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve({ url: found[0], pid: child.pid!, output: () => output, stop });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${options.script} exited with ${code} before listening:\n${output}`));
    });
  });
}
