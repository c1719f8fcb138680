// One breaker per extension: after N consecutive failures calls are refused for a cool-down,
// then one trial call decides whether to close again (half-open).
export type BreakerState = "closed" | "open" | "half-open";

export class CircuitBreaker {
  #failures = 0;
  #openedAt = 0;
  #trialInFlight = false;

  constructor(
    private readonly threshold: number,
    private readonly cooldownMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): BreakerState {
    if (this.#failures < this.threshold) return "closed";
    return this.now() - this.#openedAt >= this.cooldownMs ? "half-open" : "open";
  }

  /** Whether a call may go out now (reserves the single half-open trial). */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === "closed") return true;
    if (state === "open" || this.#trialInFlight) return false;
    this.#trialInFlight = true;
    return true;
  }

  success(): void {
    this.#failures = 0;
    this.#trialInFlight = false;
  }

  failure(): void {
    this.#trialInFlight = false;
    this.#failures++;
    if (this.#failures >= this.threshold) this.#openedAt = this.now();
  }
}
