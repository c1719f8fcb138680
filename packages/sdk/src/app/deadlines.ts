// Handler time limits. Node keeps timers of equal duration in one list, so a timer per
// asynchronous request is cheap to arm and clear (no Promise.race, nothing kept after the
// request settles). Synchronous handlers never get here (see Extension.dispatch).
export class Deadline {
  constructor(readonly ms: number) {}

  /** Settles like `work`, or rejects with `onTimeout()` if `work` takes longer than `ms`. */
  run<T>(work: Promise<T>, onTimeout: () => Error): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(onTimeout()), this.ms);
      work.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }
}
