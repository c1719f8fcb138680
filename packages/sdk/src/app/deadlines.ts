// Handler time limits without a timer per request: requests share one timer, armed for the
// oldest pending deadline. All deadlines of one queue have the same length, so they expire
// in arrival order (a FIFO), and finished entries are skipped lazily.
interface Entry {
  at: number;
  done: boolean;
  expire: () => void;
}

export class DeadlineQueue {
  #entries: Entry[] = [];
  #head = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(readonly ms: number) {}

  /** Runs `work`; rejects with `onTimeout()` if it has not settled after `ms`. */
  run<T>(work: Promise<T>, onTimeout: () => Error): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const entry: Entry = {
        at: Date.now() + this.ms,
        done: false,
        expire: () => reject(onTimeout()),
      };
      this.#entries.push(entry);
      this.#timer ??= this.#arm(this.ms);
      work.then(
        (value) => {
          entry.done = true;
          resolve(value);
        },
        (error) => {
          entry.done = true;
          reject(error);
        },
      );
    });
  }

  #arm(delay: number): NodeJS.Timeout {
    const timer = setTimeout(() => this.#tick(), Math.max(0, delay));
    timer.unref();
    return timer;
  }

  #tick(): void {
    this.#timer = undefined;
    const now = Date.now();
    const entries = this.#entries;
    while (this.#head < entries.length) {
      const entry = entries[this.#head]!;
      if (!entry.done && entry.at > now) break;
      this.#head++;
      if (!entry.done) {
        entry.done = true;
        entry.expire();
      }
    }
    if (this.#head === entries.length) {
      this.#entries = [];
      this.#head = 0;
      return;
    }
    if (this.#head > 1024) {
      this.#entries = entries.slice(this.#head);
      this.#head = 0;
    }
    this.#timer = this.#arm(this.#entries[this.#head]!.at - now);
  }
}
