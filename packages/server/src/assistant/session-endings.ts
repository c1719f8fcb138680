// SessionEndedRequests on their way, per device and extension. The platform sends a session's
// end without the user waiting for it (its answer is ignored, cek-custom-extension.md §7.1
// rule 6), yet the extension must get it before anything of the device's next session with it
// (§7.2: end X, then handle the new request). Two calls may travel on two pooled connections,
// so the next call to the same extension for the same device waits until the end was answered
// (or failed), at most a bound: a slow or dead extension delays the user's turn by that much,
// never by its whole deadline.

/**
 * Default bound on that wait (config `session.endWaitMs`; docs/server.md "Sessions and the
 * listening window").
 */
export const SESSION_END_WAIT_MS = 1000;

export class SessionEndings {
  readonly #pending = new Map<string, Promise<void>>();

  /** Records the SessionEndedRequest `sending` (settles when the extension answered or failed). */
  add(deviceKey: string, extensionId: string, sending: Promise<unknown>): void {
    const key = endingKey(deviceKey, extensionId);
    const entry: Promise<void> = sending.then(
      () => this.#forget(key, entry),
      () => this.#forget(key, entry),
    );
    this.#pending.set(key, entry);
  }

  /**
   * The SessionEndedRequest of this device to this extension still on its way, if any (a turn
   * with none pays no promise for it).
   */
  pending(deviceKey: string, extensionId: string): Promise<void> | undefined {
    return this.#pending.get(endingKey(deviceKey, extensionId));
  }

  /** Resolves when `pending` settles (true) or after `waitMs` (false), whichever comes first. */
  static async within(pending: Promise<void>, waitMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), waitMs);
    });
    try {
      return await Promise.race([pending.then(() => true), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  #forget(key: string, entry: Promise<void>): void {
    if (this.#pending.get(key) === entry) this.#pending.delete(key);
  }
}

function endingKey(deviceKey: string, extensionId: string): string {
  return `${deviceKey}\n${extensionId}`;
}
