// Runs tasks one at a time per key (one user+device), different keys in parallel. A ticket
// taken before a task tells the task whether anything ran for its key in between: a read made
// ahead of the lock (the session, read with the device record) is used only if nothing could
// have changed it since.

/** What the lock looked like for a key at some instant (see KeyedLock.ticket). */
export interface LockTicket {
  readonly seq: number;
  readonly idle: boolean;
}

/** Keys whose last start is remembered; older ones count as "started just now" (re-read). */
const REMEMBERED_KEYS = 10_000;

export class KeyedLock {
  readonly #tails = new Map<string, Promise<unknown>>();
  /** Each task start gets the next number; the last one per key is kept (bounded). */
  #seq = 0;
  readonly #starts = new Map<string, number>();
  /** The largest start number forgotten when the map was trimmed. */
  #forgotten = 0;

  /** The lock's state for `key` now. */
  ticket(key: string): LockTicket {
    return { seq: this.#seq, idle: !this.#tails.has(key) };
  }

  /**
   * Runs `task` once every earlier task of `key` has settled. `task` is given `quietSince`:
   * true when the key was idle at `ticket` and no other task of the key started after it.
   */
  run<T>(key: string, task: (quietSince: (ticket: LockTicket) => boolean) => Promise<T>) {
    const start = () => {
      const before = this.#starts.get(key) ?? this.#forgotten;
      this.#seq++;
      this.#starts.delete(key);
      this.#starts.set(key, this.#seq);
      if (this.#starts.size > REMEMBERED_KEYS) {
        const [oldest, seq] = this.#starts.entries().next().value!;
        this.#starts.delete(oldest);
        this.#forgotten = Math.max(this.#forgotten, seq);
      }
      return task((ticket) => ticket.idle && before <= ticket.seq);
    };
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const next = previous.then(start, start);
    // Settles (never rejects) once the task has; the key is forgotten then unless a later task
    // already queued behind it.
    const settled = () => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    };
    const tail: Promise<unknown> = next.then(settled, settled);
    this.#tails.set(key, tail);
    return next;
  }
}
