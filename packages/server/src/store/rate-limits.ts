// Token-bucket rate limits (docs/security.md "Rate limits"). A bucket per key holds at most
// `burst` tokens and refills at `perSecond`; a request takes `cost` tokens or is refused with
// the time until enough have refilled. The interface is async so that a shared implementation
// (Redis, for several nodes) fits it unchanged.

export interface RateLimiter {
  take(
    key: string,
    cost?: number,
    now?: number,
  ): Promise<{ allowed: boolean; retryAfterMs: number }>;
  /**
   * takeInOrder() in one step, when this implementation can do it for all the steps (one
   * Redis script when they share its connection); undefined when it cannot.
   */
  takeTogether?(
    steps: readonly RateLimitStep[],
    now: number,
  ): Promise<RateLimitRefusal | null> | undefined;
  /**
   * takeInOrder() sent with what `work` gives the store in the same call (on Redis: the
   * turn's commands of this tick, in the same script call; docs/scale-out.md "One turn on
   * Redis"): when a bucket refuses, those commands are not run (they fail). Undefined when
   * this implementation cannot (then take first, and work after).
   */
  takeBefore?<T>(
    steps: readonly RateLimitStep[],
    now: number,
    work: () => T,
  ): { refused: Promise<RateLimitRefusal | null>; result: T } | undefined;
  close(): Promise<void>;
}

/** One bucket to take a token from: a limiter and its key. */
export interface RateLimitStep {
  limiter: RateLimiter;
  key: string;
}

/** Which step refused (its index) and the wait it named. */
export interface RateLimitRefusal {
  index: number;
  retryAfterMs: number;
}

/**
 * Takes one token from each step's bucket in order and stops at the first refusal (the tokens
 * of the steps before it stay taken): null when every bucket allowed. One round trip when the
 * limiters can take together (Redis), else one take() after the other.
 */
export async function takeInOrder(
  steps: readonly RateLimitStep[],
  now = Date.now(),
): Promise<RateLimitRefusal | null> {
  const together = steps[0]?.limiter.takeTogether?.(steps, now);
  if (together) return together;
  for (const [index, { limiter, key }] of steps.entries()) {
    const taken = await limiter.take(key, 1, now);
    if (!taken.allowed) return { index, retryAfterMs: taken.retryAfterMs };
  }
  return null;
}

export interface TokenBucketOptions {
  /** Tokens a full bucket holds (the largest burst). */
  burst: number;
  /** Tokens added per second. */
  perSecond: number;
  /** Most buckets kept; the least recently used is dropped beyond it (it was refilling anyway). */
  maxKeys?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class MemoryRateLimiter implements RateLimiter {
  readonly #buckets = new Map<string, Bucket>();
  readonly #burst: number;
  readonly #perMs: number;
  readonly #maxKeys: number;

  constructor(options: TokenBucketOptions) {
    if (!(options.burst > 0) || !(options.perSecond > 0))
      throw new RangeError("rate limit burst and perSecond must be positive");
    this.#burst = options.burst;
    this.#perMs = options.perSecond / 1000;
    this.#maxKeys = options.maxKeys ?? 100_000;
  }

  /** Buckets currently held (for tests and metrics). */
  get size(): number {
    return this.#buckets.size;
  }

  async take(key: string, cost = 1, now = Date.now()) {
    const found = this.#buckets.get(key);
    const bucket: Bucket = found
      ? { tokens: Math.min(this.#burst, found.tokens + (now - found.at) * this.#perMs), at: now }
      : { tokens: this.#burst, at: now };
    // Re-insert so that the Map's order is least recently used first.
    this.#buckets.delete(key);
    this.#buckets.set(key, bucket);
    if (this.#buckets.size > this.#maxKeys)
      this.#buckets.delete(this.#buckets.keys().next().value!);
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return { allowed: true, retryAfterMs: 0 };
    }
    return { allowed: false, retryAfterMs: Math.ceil((cost - bucket.tokens) / this.#perMs) };
  }

  async close() {
    this.#buckets.clear();
  }
}
