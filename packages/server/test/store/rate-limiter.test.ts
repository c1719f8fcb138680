// One suite for every RateLimiter: in memory and on Redis, where three nodes draw from one
// bucket per key (a client cannot multiply its allowance by reaching several nodes).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { MemoryRateLimiter, type RateLimiter } from "../../src/store/rate-limits.js";
import { openRedis } from "../../src/store/redis/connection.js";
import { RedisRateLimiter } from "../../src/store/redis/rate-limits.js";
import { redisAvailable, startRedis, type TestRedis } from "../helpers/redis.js";

const OPTIONS = { burst: 5, perSecond: 10 };

function limiterSuite(name: string, nodes: () => Promise<RateLimiter[]>, skip?: string) {
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
  });
}

limiterSuite("memory", async () => {
  const limiter = new MemoryRateLimiter(OPTIONS);
  return [limiter, limiter, limiter];
});

let redis: TestRedis | undefined;
limiterSuite(
  "Redis",
  async () => {
    redis = await startRedis();
    const url = redis.url;
    return Promise.all(
      [0, 1, 2].map(async () => new RedisRateLimiter(await openRedis(url), OPTIONS)),
    );
  },
  redisAvailable ? undefined : "redis-server is not installed",
);
after(async () => redis?.stop());
