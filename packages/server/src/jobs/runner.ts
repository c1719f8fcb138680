// Runs claimed jobs (store/jobs.ts) on this node: wakes at the next due time (or every
// pollMs, for jobs other nodes scheduled), claims a batch, hands each job to the handler of
// its kind, deletes it when the handler succeeded and gives it back with a backoff when not.
import type { Logger } from "pino";
import type { Clock } from "../abilities/services.js";
import type { Job, JobQueue } from "../store/jobs.js";

export type JobHandler = (job: Job) => Promise<void>;

export interface JobRunnerOptions {
  /** This node's id (claims are per node). */
  node: string;
  clock: Clock;
  log: Logger;
  /** Look for due jobs at least this often (ms). */
  pollMs?: number;
  /** How long a claim holds before another node may take the job over (ms). */
  leaseMs?: number;
  batch?: number;
  /** A job that failed this many times is dropped (and logged). */
  maxAttempts?: number;
}

export class JobRunner {
  readonly #handlers = new Map<string, JobHandler>();
  readonly #options: Required<JobRunnerOptions>;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<number> | undefined;
  #started = false;

  constructor(
    private readonly queue: JobQueue,
    options: JobRunnerOptions,
  ) {
    this.#options = { pollMs: 1000, leaseMs: 60_000, batch: 50, maxAttempts: 8, ...options };
  }

  /** Registers the handler of a kind of job (one per kind). */
  handle(kind: string, handler: JobHandler): void {
    if (this.#handlers.has(kind)) throw new Error(`a handler for ${kind} jobs already exists`);
    this.#handlers.set(kind, handler);
  }

  start(): void {
    this.#started = true;
    this.#arm(this.#options.pollMs);
  }

  async stop(): Promise<void> {
    this.#started = false;
    clearTimeout(this.#timer);
    // Forget the cleared timer, so that start() after stop() arms a new one.
    this.#timer = undefined;
    this.#armedFor = Number.POSITIVE_INFINITY;
    await this.#running;
  }

  /** A job was scheduled at `runAt`: wake then if that is before the next planned look. */
  wake(runAt: number): void {
    if (!this.#started) return;
    this.#arm(Math.max(0, runAt - this.#options.clock.now()));
  }

  #armedFor = Number.POSITIVE_INFINITY;

  #arm(delayMs: number): void {
    const at = Date.now() + Math.min(delayMs, this.#options.pollMs);
    if (this.#timer && at >= this.#armedFor) return;
    clearTimeout(this.#timer);
    this.#armedFor = at;
    this.#timer = setTimeout(() => void this.#tick(), Math.max(0, at - Date.now()));
    this.#timer.unref();
  }

  async #tick(): Promise<void> {
    this.#timer = undefined;
    this.#armedFor = Number.POSITIVE_INFINITY;
    try {
      await this.runDue();
      const next = await this.queue.nextRunAt();
      if (!this.#started) return;
      this.#arm(
        next === undefined ? this.#options.pollMs : Math.max(0, next - this.#options.clock.now()),
      );
    } catch (error) {
      this.#options.log.error({ err: error }, "job runner failed to look for due jobs");
      if (this.#started) this.#arm(this.#options.pollMs);
    }
  }

  /** Claims and runs every job due now; resolves with how many ran. */
  runDue(): Promise<number> {
    const run = (this.#running ?? Promise.resolve(0)).then(() => this.#runBatches());
    this.#running = run.catch(() => 0);
    return run;
  }

  async #runBatches(): Promise<number> {
    const { node, clock, batch, leaseMs } = this.#options;
    let ran = 0;
    for (;;) {
      const jobs = await this.queue.claimDue(node, clock.now(), batch, leaseMs);
      await Promise.all(jobs.map((job) => this.#run(job)));
      ran += jobs.length;
      if (jobs.length < batch) return ran;
    }
  }

  async #run(job: Job): Promise<void> {
    const { node, clock, log, maxAttempts } = this.#options;
    const handler = this.#handlers.get(job.kind);
    try {
      if (!handler) throw new Error(`no handler for ${job.kind} jobs on this node`);
      await handler(job);
      await this.queue.complete(job, node);
    } catch (error) {
      if (job.attempts >= maxAttempts) {
        log.error({ err: error, jobId: job.id, kind: job.kind }, "job dropped after retries");
        await this.queue.complete(job, node);
        return;
      }
      const retryAt = clock.now() + Math.min(1000 * 2 ** job.attempts, 300_000);
      log.warn({ err: error, jobId: job.id, kind: job.kind, retryAt }, "job failed; will retry");
      await this.queue.release(job, node, retryAt);
    }
  }
}
