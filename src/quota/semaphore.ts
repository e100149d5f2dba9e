import { setTimeout as sleep } from 'node:timers/promises';

/** Who waits for a slot: a lower rank goes first (people before the watcher); a long download may hold only `longCapacity` slots. */
export interface SlotLane {
  rank: number;
  long: boolean;
}

const DEFAULT_LANE: SlotLane = { rank: 0, long: false };

/** Slots long downloads may hold at once out of `capacity`: all but one, and at least one. */
export function longCapacity(capacity: number): number {
  return Math.max(1, capacity - 1);
}

/**
 * A gate lease request as a slot lane: people (interactive) rank before the watcher
 * (background), and within each, a live question before a long download (a person's `/queue`
 * does not wait behind another's 7-day transcript search when only one slot is left).
 */
export function slotLane(lane?: { priority: 'interactive' | 'background'; long: boolean }): SlotLane {
  return lane ? { rank: (lane.priority === 'interactive' ? 0 : 2) + (lane.long ? 1 : 0), long: lane.long } : DEFAULT_LANE;
}

/**
 * A counting semaphore for one process, with abortable waits and lanes: waiters are served by
 * rank, first come first served within a rank, and long downloads never hold more than
 * `longCapacity` slots (by default all but one), so a short request always finds one.
 *
 * Hand-written because the well-kept queue libraries either need Node 22 (p-queue 10) or do not
 * take an AbortSignal for a queued waiter (p-limit, async-mutex); this is all the gate needs.
 *
 * @example
 *   const sem = new LocalSemaphore(2);
 *   const release = await sem.acquire(signal, { rank: 0, long: false });
 *   try { await call(); } finally { release(); }
 */
export class LocalSemaphore {
  #active = 0;
  #activeLong = 0;
  readonly #waiters: Array<{ lane: SlotLane; grant: () => void }> = [];

  /** Capacity may be changed at any time (a policy reload); it applies to the next grants. */
  constructor(public capacity: number) {}

  /** Slots long downloads may hold at once: all but one, and at least one. */
  get longCapacity(): number {
    return longCapacity(this.capacity);
  }

  get active(): number {
    return this.#active;
  }

  get waiting(): number {
    return this.#waiters.length;
  }

  /** Resolves with a release function once a slot is free for this lane; rejects with the signal's reason. */
  acquire(signal?: AbortSignal, lane: SlotLane = DEFAULT_LANE): Promise<() => void> {
    signal?.throwIfAborted();
    if (this.#fits(lane) && !this.#waiters.some((w) => w.lane.rank <= lane.rank && this.#fits(w.lane))) return Promise.resolve(this.#grant(lane));
    return new Promise((resolve, reject) => {
      const waiter = {
        lane,
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(this.#grant(lane));
        },
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

  #fits(lane: SlotLane): boolean {
    return this.#active < this.capacity && (!lane.long || this.#activeLong < this.longCapacity);
  }

  #grant(lane: SlotLane): () => void {
    this.#active += 1;
    if (lane.long) this.#activeLong += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#active -= 1;
      if (lane.long) this.#activeLong -= 1;
      this.#wake();
    };
  }

  #wake(): void {
    for (;;) {
      let next: number | undefined;
      this.#waiters.forEach((w, i) => {
        if (this.#fits(w.lane) && (next === undefined || w.lane.rank < this.#waiters[next]!.lane.rank)) next = i;
      });
      if (next === undefined) return;
      this.#waiters.splice(next, 1)[0]!.grant();
    }
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
