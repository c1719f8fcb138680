// What /readyz checks: the database answers and its migrations are all applied, Redis answers
// (when configured), and the node is not draining. Probes run on a timer, not per request, so
// the endpoint stays cheap whatever polls it; their round trips feed the metrics.

import type { Redis } from "ioredis";
import { type Kysely, Migrator, sql } from "kysely";
import { migrationProvider } from "../store/migrations.js";
import type { PlatformMetrics } from "./metrics.js";

export interface DependencyStatus {
  ok: boolean;
  latencyMs?: number;
  error?: string;
}

export interface Readiness {
  ready: boolean;
  draining: boolean;
  checks: Record<string, DependencyStatus>;
}

export class ReadinessProbe {
  private readonly status: Record<string, DependencyStatus> = {};
  private timer: NodeJS.Timeout | undefined;
  private migrated = false;
  draining = false;
  /**
   * The node's own conditions, asked at each /readyz (cheap, synchronous): e.g. "models" while
   * the abilities' models are still compiling.
   */
  readonly local = new Map<string, () => DependencyStatus>();

  constructor(
    // biome-ignore lint/suspicious/noExplicitAny: any schema: only `SELECT 1` and migrations
    private readonly db: Kysely<any>,
    private readonly redis: Redis | undefined,
    private readonly metrics: PlatformMetrics | undefined,
    private readonly timeoutMs = 1000,
  ) {}

  /** Probes now and then every `everyMs`. */
  async start(everyMs = 2000): Promise<void> {
    await this.probe();
    this.timer = setInterval(() => void this.probe(), everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async timed(name: string, check: () => Promise<unknown>): Promise<void> {
    const started = performance.now();
    let deadline: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        check(),
        new Promise((_, reject) => {
          // When the event loop was held up (a busy machine), the deadline's timer and the
          // answer become due together and timers run first: setImmediate lets the answer
          // already received be read before the check counts as failed.
          deadline = setTimeout(
            () => setImmediate(() => reject(new Error(`no answer within ${this.timeoutMs} ms`))),
            this.timeoutMs,
          );
        }),
      ]);
      const seconds = (performance.now() - started) / 1000;
      this.status[name] = { ok: true, latencyMs: Math.round(seconds * 10_000) / 10 };
      this.metrics?.dependencySeconds.observe({ dependency: name }, seconds);
      this.metrics?.dependencyUp.set({ dependency: name }, 1);
    } catch (error) {
      this.status[name] = { ok: false, error: (error as Error).message };
      this.metrics?.dependencyUp.set({ dependency: name }, 0);
    } finally {
      clearTimeout(deadline);
    }
  }

  async probe(): Promise<void> {
    const checks = [
      this.timed("database", async () => {
        await sql`select 1`.execute(this.db);
        if (!this.migrated) {
          const migrations = await new Migrator({
            db: this.db,
            provider: migrationProvider,
          }).getMigrations();
          const missing = migrations.filter((m) => m.executedAt === undefined);
          if (missing.length > 0)
            throw new Error(`migrations not applied: ${missing.map((m) => m.name).join(", ")}`);
          this.migrated = true;
        }
      }),
    ];
    const redis = this.redis;
    if (redis) checks.push(this.timed("redis", () => redis.ping()));
    await Promise.all(checks);
  }

  current(): Readiness {
    const checks = { ...this.status };
    for (const [name, check] of this.local) checks[name] = check();
    const ready = !this.draining && Object.values(checks).every((s) => s.ok);
    return { ready, draining: this.draining, checks };
  }
}
