// One worker thread that runs jobs one at a time, with a time limit per job: a job that runs
// too long terminates the thread (a fresh one starts for the next job), so no caller hangs.
import { Worker } from "node:worker_threads";

interface Job<T> {
  message: unknown;
  resolve: (value: T) => void;
  reject: (error: Error) => void;
}

export class SerialWorker<T> {
  private worker: Worker | undefined;
  private readonly queue: Job<T>[] = [];
  private current: Job<T> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly name: string,
    private readonly source: string,
    private readonly workerData: unknown,
    private readonly timeoutMs: number,
  ) {}

  run(message: unknown): Promise<T> {
    if (this.closed) return Promise.reject(new Error(`${this.name} is closed`));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ message, resolve, reject });
      this.next();
    });
  }

  /** Whether a thread is running (for tests and health checks). */
  get running(): boolean {
    return this.worker !== undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    const error = new Error(`${this.name} was closed`);
    for (const job of this.queue.splice(0)) job.reject(error);
    this.finish(undefined, error);
    await this.stop();
  }

  private next(): void {
    if (this.current || this.queue.length === 0) return;
    const job = this.queue.shift();
    if (!job) return;
    this.current = job;
    const worker = this.start();
    this.timer = setTimeout(() => {
      this.finish(undefined, new Error(`${this.name} took longer than ${this.timeoutMs} ms`));
      void this.stop();
    }, this.timeoutMs);
    worker.postMessage(job.message);
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.source, { eval: true, workerData: this.workerData });
    worker.unref();
    worker.on("message", (reply: { ok: true; value: T } | { ok: false; error: string }) => {
      if (reply.ok) this.finish(reply.value);
      else this.finish(undefined, new Error(`${this.name}: ${reply.error}`));
    });
    worker.on("error", (error) => {
      this.finish(undefined, new Error(`${this.name} crashed: ${error.message}`));
    });
    worker.on("exit", () => {
      if (this.worker === worker) this.worker = undefined;
      this.finish(undefined, new Error(`${this.name} stopped unexpectedly`));
    });
    this.worker = worker;
    return worker;
  }

  private async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
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
