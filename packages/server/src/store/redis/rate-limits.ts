// The token bucket of store/rate-limits.ts on Redis, so that every node draws from one bucket
// per key (docs/scale-out.md). One Lua script reads, refills, takes and writes atomically; a
// bucket left alone expires once it would be full again, so idle keys cost nothing.
import type { Redis } from "ioredis";
import type {
  RateLimiter,
  RateLimitRefusal,
  RateLimitStep,
  TokenBucketOptions,
} from "../rate-limits.js";
import { closeRedis, DEFAULT_PREFIX, type RedisScript, redisScript } from "./connection.js";

// One bucket: refill, take `cost` if there is enough, write back; {allowed 0/1, retryAfterMs}.
const BUCKET = `
local function take(key, burst, per_ms, cost, now)
  local state = redis.call("HMGET", key, "tokens", "at")
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
  redis.call("HSET", key, "tokens", tostring(tokens), "at", tostring(now))
  redis.call("PEXPIRE", key, math.ceil((burst - tokens) / per_ms) + 1000)
  return {allowed, retry}
end
`;

// KEYS[1] bucket; ARGV: burst, tokens per ms, cost, now (ms). Returns {allowed, retryAfterMs}.
const TAKE = `${BUCKET}
return take(KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]))`;

// KEYS: buckets in order; ARGV[1] now, then burst and tokens per ms of each bucket. Takes one
// token from each until one refuses: {0, 0} when all allowed, else {its 1-based index, wait}.
const TAKE_IN_ORDER = `${BUCKET}
local now = tonumber(ARGV[1])
for i = 1, #KEYS do
  local r = take(KEYS[i], tonumber(ARGV[2 * i]), tonumber(ARGV[2 * i + 1]), 1, now)
  if r[1] == 0 then return {i, r[2]} end
end
return {0, 0}`;

export class RedisRateLimiter implements RateLimiter {
  readonly #burst: number;
  readonly #perMs: number;
  readonly #take: RedisScript;
  readonly #takeInOrder: RedisScript;

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
    this.#take = redisScript(redis, "cloverRateTake", TAKE);
    this.#takeInOrder = redisScript(redis, "cloverRateTakeInOrder", TAKE_IN_ORDER);
  }

  async take(key: string, cost = 1, now = Date.now()) {
    let answer: [number, number];
    try {
      answer = (await this.#take([this.#bucket(key)], [this.#burst, this.#perMs, cost, now])) as [
        number,
        number,
      ];
    } catch (error) {
      if (!this.onUnavailable) throw error;
      this.onUnavailable(error);
      return { allowed: true, retryAfterMs: 0 };
    }
    const [allowed, retryAfterMs] = answer;
    return { allowed: allowed === 1, retryAfterMs };
  }

  takeTogether(steps: readonly RateLimitStep[], now: number) {
    const limiters: RedisRateLimiter[] = [];
    for (const { limiter } of steps) {
      if (!(limiter instanceof RedisRateLimiter) || limiter.redis !== this.redis) return undefined;
      limiters.push(limiter);
    }
    return this.#takeTogether(limiters, steps, now);
  }

  async #takeTogether(
    limiters: RedisRateLimiter[],
    steps: readonly RateLimitStep[],
    now: number,
  ): Promise<RateLimitRefusal | null> {
    let answer: [number, number];
    try {
      answer = (await this.#takeInOrder(
        steps.map(({ key }, i) => limiters[i]!.#bucket(key)),
        [now, ...limiters.flatMap((l) => [l.#burst, l.#perMs])],
      )) as [number, number];
    } catch (error) {
      if (!this.onUnavailable) throw error;
      this.onUnavailable(error);
      return null;
    }
    const [refused, retryAfterMs] = answer;
    return refused === 0 ? null : { index: refused - 1, retryAfterMs };
  }

  #bucket(key: string): string {
    return `${this.prefix}rate:${this.name}:${key}`;
  }

  async close() {
    if (this.ownsConnection) await closeRedis(this.redis);
  }
}
