// A helper process that runs jobs one at a time, with a time limit per job: a job that runs
// too long kills the process (a fresh one starts for the next job), so no caller hangs, and a
// crash of the engine never takes the server down. After `maxJobs` jobs the process is
// replaced: engines that create a WebAssembly instance per job keep growing otherwise.
// Each process gets its own scratch directory (CLOVER_HELPER_DIR), made and removed here: a
// process killed on purpose (timed out, recycled, closed) cannot clean up after itself.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

interface Job<T> {
  message: unknown;
  /** Parts of the answer the helper sends before its reply. */
  onChunk?: ((chunk: T) => void) | undefined;
  resolve: (value: T) => void;
  reject: (error: Error) => void;
}

type Reply<T> = { ok: true; value: T } | { ok: false; error: string } | { chunk: T };

export class SerialChildWorker<T> {
  private child: ChildProcess | undefined;
  /** The running process's scratch directory. */
  private scratch: string | undefined;
  private readonly queue: Job<T>[] = [];
  private current: Job<T> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private jobs = 0;

  constructor(
    private readonly name: string,
    /**
     * CommonJS source run with `node --expose-gc -e`; it answers each IPC message with a Reply,
     * optionally after `{ chunk }` messages (parts of the answer, in order).
     */
    private readonly source: string,
    private readonly args: readonly string[],
    private readonly timeoutMs: number,
    private readonly maxJobs = Number.POSITIVE_INFINITY,
  ) {}

  run(message: unknown, onChunk?: (chunk: T) => void): Promise<T> {
    if (this.closed) return Promise.reject(new Error(`${this.name} is closed`));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ message, onChunk, resolve, reject });
      this.next();
    });
  }

  /** The helper's process id while one runs (for tests and health checks). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  async close(): Promise<void> {
    this.closed = true;
    const error = new Error(`${this.name} was closed`);
    for (const job of this.queue.splice(0)) job.reject(error);
    this.finish(undefined, error);
    this.stop();
  }

  private next(): void {
    if (this.current || this.queue.length === 0 || this.closed) return;
    const job = this.queue.shift();
    if (!job) return;
    this.current = job;
    this.timer = setTimeout(() => {
      this.finish(undefined, new Error(`${this.name} took longer than ${this.timeoutMs} ms`));
      this.stop();
    }, this.timeoutMs);
    const child = this.start();
    child.send(job.message as object, (error) => {
      if (error && this.current === job) this.finish(undefined, error);
    });
  }

  private start(): ChildProcess {
    if (this.child && this.jobs >= this.maxJobs) this.stop();
    if (this.child) {
      this.jobs++;
      return this.child;
    }
    const scratch = mkdtempSync(
      join(tmpdir(), `clover-${this.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-`),
    );
    const child = spawn(process.execPath, ["--expose-gc", "-e", this.source, "--", ...this.args], {
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      serialization: "advanced",
      env: { ...process.env, CLOVER_HELPER_DIR: scratch },
    });
    this.scratch = scratch;
    let stderr = "";
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (text: string) => {
      stderr = (stderr + text).slice(-2000);
    });
    child.on("message", (reply: Reply<T>) => {
      if (this.child !== child) return;
      if ("chunk" in reply) this.current?.onChunk?.(reply.chunk);
      else if (reply.ok) this.finish(reply.value);
      else this.finish(undefined, new Error(`${this.name}: ${reply.error}`));
    });
    child.on("error", (error) => {
      if (this.child === child) this.finish(undefined, new Error(`${this.name}: ${error.message}`));
    });
    child.on("exit", (code, signal) => {
      removeScratch(scratch);
      // A process we stopped on purpose (recycled, timed out, closed) is not a failure.
      if (this.child !== child) return;
      this.child = undefined;
      const why = signal ? `signal ${signal}` : `code ${code}`;
      this.finish(undefined, new Error(`${this.name} stopped (${why}): ${stderr.trim()}`));
    });
    // An idle helper must not keep the server (or a test) running.
    child.unref();
    child.channel?.unref();
    (child.stderr as { unref?: () => void } | null)?.unref?.();
    this.child = child;
    this.jobs = 1;
    return child;
  }

  private stop(): void {
    const child = this.child;
    const scratch = this.scratch;
    this.child = undefined;
    this.scratch = undefined;
    if (child && child.exitCode === null) child.kill("SIGKILL");
    // Now, not at its exit event: a server that is stopping may be gone before that comes.
    if (scratch) removeScratch(scratch);
  }

  private finish(value: T | undefined, error?: Error): void {
    const job = this.current;
    if (!job) return;
    this.current = undefined;
    clearTimeout(this.timer);
    if (error) job.reject(error);
    else job.resolve(value as T);
    if (!this.closed) setImmediate(() => this.next());
  }
}

/**
 * Removes a helper's scratch directory; never throws. Programs the helper started may still
 * write their last file into it as they end (ENOTEMPTY): a few retries, then the helper's exit
 * event tries again.
 */
function removeScratch(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 10 });
  } catch {}
}
