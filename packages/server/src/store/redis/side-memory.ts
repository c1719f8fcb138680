// The device side's memory on Redis (cic/interfaces/side-memory.ts): one hash per device key
// or user id, field = entry key, value = JSON. A scope untouched for 30 days expires.
import type { Redis } from "ioredis";
import { CicError } from "../../cic/exception.js";
import type { SideMemoryStore, SideScope } from "../../cic/interfaces/side-memory.js";
import { closeRedis, DEFAULT_PREFIX } from "./connection.js";

const SCOPE_TTL_MS = 30 * 24 * 3600_000;

export class RedisSideMemoryStore implements SideMemoryStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = DEFAULT_PREFIX,
    private readonly ownsConnection = true,
  ) {}

  #key(scope: SideScope): string {
    return `${this.prefix}side:${scope}`;
  }

  async load(scopes: readonly SideScope[]): Promise<Map<string, unknown>> {
    const pipeline = this.redis.pipeline();
    for (const scope of scopes) pipeline.hgetall(this.#key(scope));
    let results: [Error | null, unknown][];
    try {
      results = (await pipeline.exec()) ?? [];
      for (const [error] of results) if (error) throw error;
    } catch (error) {
      throw new CicError(
        503,
        `shared device memory is unavailable (Redis: ${(error as Error).message}); retry shortly`,
      );
    }
    const entries = new Map<string, unknown>();
    for (const [, fields] of results) {
      for (const [key, value] of Object.entries(fields as Record<string, string>))
        entries.set(key, JSON.parse(value));
    }
    return entries;
  }

  async set(scope: SideScope, key: string, value: unknown): Promise<void> {
    if (value === undefined) return this.delete(scope, key);
    const hash = this.#key(scope);
    await Promise.all([
      this.redis.hset(hash, key, JSON.stringify(value)),
      this.redis.pexpire(hash, SCOPE_TTL_MS),
    ]);
  }

  async delete(scope: SideScope, key: string): Promise<void> {
    await this.redis.hdel(this.#key(scope), key);
  }

  async close(): Promise<void> {
    if (this.ownsConnection) await closeRedis(this.redis);
  }
}
