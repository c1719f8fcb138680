// A counting semaphore: at most `size` engine processes run at once (one per core by default),
// the rest wait in order. A waiter whose signal aborts leaves the queue.
import { availableParallelism } from "node:os";

export class Slots {
  private free: number;
  private readonly waiting: { grant: () => void; signal?: AbortSignal }[] = [];

  constructor(readonly size: number = availableParallelism()) {
    this.free = Math.max(1, size);
  }

  /** Resolves with a release function once a slot is free. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        this.free++;
        this.next();
      };
      const waiter = {
        grant: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve(release);
        },
        ...(signal ? { signal } : {}),
      };
      const onAbort = () => {
        const at = this.waiting.indexOf(waiter);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiting.push(waiter);
      this.next();
    });
  }

  private next(): void {
    while (this.free > 0 && this.waiting.length > 0) {
      this.free--;
      this.waiting.shift()?.grant();
    }
  }
}
