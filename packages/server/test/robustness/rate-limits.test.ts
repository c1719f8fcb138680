// The token bucket behind per-device and per-client limits: burst, refill, bounded memory.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MemoryRateLimiter } from "../../src/store/rate-limits.js";

describe("MemoryRateLimiter", () => {
  it("allows a burst, refuses beyond it and says when to retry", async () => {
    const limiter = new MemoryRateLimiter({ burst: 3, perSecond: 2 });
    for (let i = 0; i < 3; i++) assert.equal((await limiter.take("d", 1, 1000)).allowed, true);
    const refused = await limiter.take("d", 1, 1000);
    assert.equal(refused.allowed, false);
    assert.equal(refused.retryAfterMs, 500);
    assert.equal((await limiter.take("d", 1, 1500)).allowed, true);
    assert.equal((await limiter.take("other", 1, 1000)).allowed, true, "buckets are per key");
  });

  it("keeps at most maxKeys buckets", async () => {
    const limiter = new MemoryRateLimiter({ burst: 1, perSecond: 1, maxKeys: 100 });
    for (let i = 0; i < 1000; i++) await limiter.take(`k${i}`, 1, 0);
    assert.equal(limiter.size, 100);
    await limiter.close();
    assert.equal(limiter.size, 0);
  });
});
