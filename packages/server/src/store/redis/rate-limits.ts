// The token bucket of store/rate-limits.ts on Redis, so that every node draws from one bucket
// per key (docs/scale-out.md). One Lua script reads, refills, takes and writes atomically
// (token-bucket.ts); or a turn's script call does, and skips the turn's commands when refused
// (takeBefore, batch.ts).
import type { Redis } from "ioredis";
import type {
  RateLimiter,
  RateLimitRefusal,
  RateLimitStep,
  TokenBucketOptions,
} from "../rate-limits.js";
import { tickBatch } from "./batch.js";
import { closeRedis, DEFAULT_PREFIX, type RedisScript, redisScript } from "./connection.js";
import { BUCKET } from "./token-bucket.js";

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
    const limiters = this.#sharing(steps);
    return limiters && this.#takeTogether(limiters, steps, now);
  }

  /** The limiters of the steps when all are on this limiter's connection, else undefined. */
  #sharing(steps: readonly RateLimitStep[]): RedisRateLimiter[] | undefined {
    const limiters: RedisRateLimiter[] = [];
    for (const { limiter } of steps) {
      if (!(limiter instanceof RedisRateLimiter) || limiter.redis !== this.redis) return undefined;
      limiters.push(limiter);
    }
    return limiters;
  }

  takeBefore<T>(steps: readonly RateLimitStep[], now: number, work: () => T) {
    const limiters = this.#sharing(steps);
    if (!limiters || steps.length === 0) return undefined;
    const args: (string | number)[] = [now];
    steps.forEach(({ key }, i) => {
      const limiter = limiters[i]!;
      if (i > 0) args.push(limiter.#bucket(key));
      args.push(limiter.#burst, limiter.#perMs);
    });
    const { taken, result } = tickBatch(this.redis).gate(
      limiters[0]!.#bucket(steps[0]!.key),
      args,
      work,
    );
    const refused = taken.then(
      ([index, retryAfterMs]): RateLimitRefusal | null =>
        index === 0 ? null : { index: index - 1, retryAfterMs },
      (error: unknown) => {
        if (!this.onUnavailable) throw error;
        this.onUnavailable(error);
        return null;
      },
    );
    return { refused, result };
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
