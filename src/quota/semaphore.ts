import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A counting semaphore for one process, with abortable waits and first-come order.
 *
 * Hand-written because the well-kept queue libraries either need Node 22 (p-queue 10) or do not
 * take an AbortSignal for a queued waiter (p-limit, async-mutex); this is all the gate needs.
 *
 * @example
 *   const sem = new LocalSemaphore(2);
 *   const release = await sem.acquire(signal);
 *   try { await call(); } finally { release(); }
 */
export class LocalSemaphore {
  #active = 0;
  readonly #waiters: Array<() => void> = [];

  /** Capacity may be changed at any time (a policy reload); it applies to the next grants. */
  constructor(public capacity: number) {}

  get active(): number {
    return this.#active;
  }

  get waiting(): number {
    return this.#waiters.length;
  }

  /** Resolves with a release function once a slot is free; rejects with the signal's reason. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    signal?.throwIfAborted();
    if (this.#active < this.capacity && this.#waiters.length === 0) return Promise.resolve(this.#grant());
    return new Promise((resolve, reject) => {
      const waiter = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve(this.#grant());
      };
      const onAbort = () => {
        const index = this.#waiters.indexOf(waiter);
        if (index >= 0) this.#waiters.splice(index, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiters.push(waiter);
    });
  }

  #grant(): () => void {
    this.#active += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#active -= 1;
      this.#wake();
    };
  }

  #wake(): void {
    while (this.#active < this.capacity && this.#waiters.length > 0) this.#waiters.shift()?.();
  }
}

/**
 * Keeps at least `minSpacingMs` (real time) between two departures of the same key inside this
 * process. Check and booking happen in one synchronous step, so the gap holds whatever the
 * event loop's delays.
 */
export class LocalSpacing {
  readonly #last = new Map<string, number>();

  async await(key: string, minSpacingMs: number, signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = performance.now();
      const last = this.#last.get(key);
      if (last === undefined || now - last >= minSpacingMs) {
        this.#last.set(key, now);
        return;
      }
      await sleep(minSpacingMs - (now - last), undefined, { signal });
    }
  }
}
