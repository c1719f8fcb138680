// The token bucket of store/rate-limits.ts on Redis, so that every node draws from one bucket
// per key (docs/scale-out.md). One Lua script reads, refills, takes and writes atomically; a
// bucket left alone expires once it would be full again, so idle keys cost nothing.
import type { Redis } from "ioredis";
import type { RateLimiter, TokenBucketOptions } from "../rate-limits.js";
import { closeRedis, DEFAULT_PREFIX } from "./connection.js";

// KEYS[1] bucket; ARGV: burst, tokens per ms, cost, now (ms).
// Returns {allowed 0/1, retryAfterMs}.
const TAKE = `
local burst = tonumber(ARGV[1])
local per_ms = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local now = tonumber(ARGV[4])
local state = redis.call("HMGET", KEYS[1], "tokens", "at")
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil then
  tokens = burst
else
  tokens = math.min(burst, tokens + math.max(0, now - at) * per_ms)
end
local allowed = 0
local retry = 0
if tokens >= cost then
  tokens = tokens - cost
  allowed = 1
else
  retry = math.ceil((cost - tokens) / per_ms)
end
redis.call("HSET", KEYS[1], "tokens", tostring(tokens), "at", tostring(now))
redis.call("PEXPIRE", KEYS[1], math.ceil((burst - tokens) / per_ms) + 1000)
return {allowed, retry}`;

export class RedisRateLimiter implements RateLimiter {
  readonly #burst: number;
  readonly #perMs: number;

  constructor(
    private readonly redis: Redis,
    options: TokenBucketOptions,
    private readonly name = "default",
    private readonly prefix = DEFAULT_PREFIX,
    private readonly ownsConnection = true,
    /**
     * When set, a Redis failure lets the request through (and is reported here) instead of
     * failing it: the gateway's choice, since an event needs Redis anyway and a ping should
     * not drop a device's connection while Redis restarts (docs/scale-out.md).
     */
    private readonly onUnavailable?: (error: unknown) => void,
  ) {
    if (!(options.burst > 0) || !(options.perSecond > 0))
      throw new RangeError("rate limit burst and perSecond must be positive");
    this.#burst = options.burst;
    this.#perMs = options.perSecond / 1000;
  }

  async take(key: string, cost = 1, now = Date.now()) {
    let answer: [number, number];
    try {
      answer = (await this.redis.eval(
        TAKE,
        1,
        `${this.prefix}rate:${this.name}:${key}`,
        this.#burst,
        this.#perMs,
        cost,
        now,
      )) as [number, number];
    } catch (error) {
      if (!this.onUnavailable) throw error;
      this.onUnavailable(error);
      return { allowed: true, retryAfterMs: 0 };
    }
    const [allowed, retryAfterMs] = answer;
    return { allowed: allowed === 1, retryAfterMs };
  }

  async close() {
    if (this.ownsConnection) await closeRedis(this.redis);
  }
}
