// The device side's memory on Redis (cic/interfaces/side-memory.ts): one hash per device key
// or user id, field = entry key, value = JSON. A scope untouched for 30 days expires.
import type { Redis } from "ioredis";
import { CicError } from "../../cic/exception.js";
import type { SideMemoryStore, SideScope } from "../../cic/interfaces/side-memory.js";
import { type RedisTickBatch, tickBatch } from "./batch.js";
import { closeRedis, DEFAULT_PREFIX } from "./connection.js";

const SCOPE_TTL_MS = 30 * 24 * 3600_000;

export class RedisSideMemoryStore implements SideMemoryStore {
  /** Read with the turn's other commands of the tick in one script call (batch.ts). */
  readonly #batch: RedisTickBatch;

  constructor(
    private readonly redis: Redis,
    private readonly prefix = DEFAULT_PREFIX,
    private readonly ownsConnection = true,
  ) {
    this.#batch = tickBatch(redis);
  }

  #key(scope: SideScope): string {
    return `${this.prefix}side:${scope}`;
  }

  async load(scopes: readonly SideScope[]): Promise<Map<string, unknown>> {
    let results: Record<string, string>[];
    try {
      results = await Promise.all(scopes.map((scope) => this.#batch.hgetall(this.#key(scope))));
    } catch (error) {
      throw new CicError(
        503,
        `shared device memory is unavailable (Redis: ${(error as Error).message}); retry shortly`,
      );
    }
    const entries = new Map<string, unknown>();
    for (const fields of results) {
      for (const [key, value] of Object.entries(fields)) entries.set(key, JSON.parse(value));
    }
    return entries;
  }

  async set(scope: SideScope, key: string, value: unknown): Promise<void> {
    if (value === undefined) return this.delete(scope, key);
    const hash = this.#key(scope);
    await Promise.all([
      this.#batch.hset(hash, [key, JSON.stringify(value)]),
      this.#batch.pexpire(hash, SCOPE_TTL_MS),
    ]);
  }

  async delete(scope: SideScope, key: string): Promise<void> {
    await this.#batch.hdel(this.#key(scope), key);
  }

  async close(): Promise<void> {
    if (this.ownsConnection) await closeRedis(this.redis);
  }
}
