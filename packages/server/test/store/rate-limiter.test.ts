// One suite for every RateLimiter: in memory and on Redis, where three nodes draw from one
// bucket per key (a client cannot multiply its allowance by reaching several nodes).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Redis } from "ioredis";
import {
  MemoryRateLimiter,
  type RateLimiter,
  type TokenBucketOptions,
  takeInOrder,
} from "../../src/store/rate-limits.js";
import { closeRedis, openRedis } from "../../src/store/redis/connection.js";
import { RedisRateLimiter } from "../../src/store/redis/rate-limits.js";
import { redisAvailable, startRedis, type TestRedis } from "../helpers/redis.js";

const OPTIONS = { burst: 5, perSecond: 10 };

/** Limiters of one kind sharing a store (a Redis connection), each with its own options. */
type Family = (options: TokenBucketOptions[]) => RateLimiter[];

function limiterSuite(
  name: string,
  nodes: () => Promise<RateLimiter[]>,
  family: () => Family,
  skip?: string,
) {
  describe(`RateLimiter: ${name}`, { skip }, () => {
    let limiters: RateLimiter[];
    const unique = () => `k-${Math.random().toString(36).slice(2)}`;
    before(async () => {
      limiters = await nodes();
    });
    after(async () => {
      for (const limiter of new Set(limiters ?? [])) await limiter.close();
    });

    it("allows a burst, refuses beyond it with the wait, and refills with time", async () => {
      const key = unique();
      const now = 1_000_000;
      const results = [];
      for (let i = 0; i < 7; i++)
        results.push(await limiters[i % limiters.length]!.take(key, 1, now));
      assert.deepEqual(
        results.map((r) => r.allowed),
        [true, true, true, true, true, false, false],
        "five tokens across all nodes",
      );
      assert.equal(results[5]!.retryAfterMs, 100, "one token refills in 100 ms at 10/s");
      assert.equal((await limiters[0]!.take(key, 1, now + 100)).allowed, true);
      assert.equal((await limiters[1]!.take(key, 1, now + 100)).allowed, false);
      assert.equal((await limiters[2]!.take(key, 3, now + 400)).allowed, true, "refilled 3");
      const big = await limiters[0]!.take(key, 5, now + 400);
      assert.equal(big.allowed, false);
      assert.equal(big.retryAfterMs, 500);
      assert.equal((await limiters[1]!.take(unique(), 5, now)).allowed, true, "keys are apart");
    });

    it("grants exactly the burst under concurrent takes", async () => {
      const key = unique();
      const now = 2_000_000;
      const outcomes = await Promise.all(
        Array.from({ length: 30 }, (_, i) => limiters[i % limiters.length]!.take(key, 1, now)),
      );
      assert.equal(outcomes.filter((o) => o.allowed).length, 5);
    });

    it("takes from several buckets in order, stopping at the first refusal (as a gateway does)", async () => {
      const [device, client] = family()([
        { burst: 3, perSecond: 10 },
        { burst: 4, perSecond: 1 },
      ]) as [RateLimiter, RateLimiter];
      const [d1, d2, c] = [unique(), unique(), unique()];
      const now = 3_000_000;
      const steps = (d: string) => [
        { limiter: device, key: d },
        { limiter: client, key: c },
      ];
      const outcomes = [];
      for (const d of [d1, d1, d1, d1, d2, d2]) outcomes.push(await takeInOrder(steps(d), now));
      assert.deepEqual(outcomes, [
        null,
        null,
        null,
        { index: 0, retryAfterMs: 100 },
        null,
        { index: 1, retryAfterMs: 1000 },
      ]);
      // d1's refusal by its own bucket took no client token (d2 got the fourth), and d2's
      // refusal by the client's bucket came after d2's own token was taken.
      assert.equal((await device.take(d2, 1, now)).allowed, true, "d2 spent one of its three");
      assert.deepEqual(await takeInOrder(steps(d2), now + 1000), null, "a second refills one");
      assert.deepEqual(await takeInOrder([], now), null, "nothing to take");
    });
  });
}

limiterSuite(
  "memory",
  async () => {
    const limiter = new MemoryRateLimiter(OPTIONS);
    return [limiter, limiter, limiter];
  },
  () => (options) => options.map((o) => new MemoryRateLimiter(o)),
);

let redis: TestRedis | undefined;
let shared: Redis | undefined;
limiterSuite(
  "Redis",
  async () => {
    redis = await startRedis();
    const url = redis.url;
    const limiters = await Promise.all(
      [0, 1, 2].map(async () => new RedisRateLimiter(await openRedis(url), OPTIONS)),
    );
    shared = await openRedis(url);
    return limiters;
  },
  // One connection for all, as a node has: the buckets are taken by one script.
  () => (options) =>
    options.map((o, i) => new RedisRateLimiter(shared!, o, `n${i}`, undefined, false)),
  redisAvailable ? undefined : "redis-server is not installed",
);
after(async () => {
  if (shared) await closeRedis(shared);
  await redis?.stop();
});
