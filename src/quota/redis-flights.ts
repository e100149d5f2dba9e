import type { RedisClient } from '../redis/client.js';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Wakes the waiters of a key on this replica when another replica publishes that its fetch
 * finished. Messages are only a nudge: waiters also poll, so a lost message costs one poll.
 */
export function createFlightBoard(subscriber: RedisClient, channel: string) {
  const armed = new Map<string, Set<{ fired: boolean; wake?: () => void }>>();
  let subscribed: Promise<unknown> | undefined;

  subscriber.on('message', (from: string, message: string) => {
    if (from !== channel) return;
    let key: unknown;
    try {
      key = (JSON.parse(message) as { key?: unknown }).key;
    } catch {
      return;
    }
    if (typeof key !== 'string') return;
    for (const waiter of armed.get(key) ?? []) {
      waiter.fired = true;
      waiter.wake?.();
    }
  });

  return {
    /** Subscribes once; a failed attempt is retried by the next caller. */
    ready(): Promise<unknown> {
      subscribed ??= subscriber.subscribe(channel).catch((error: unknown) => {
        subscribed = undefined;
        throw error;
      });
      return subscribed;
    },

    /** Starts listening for `key` before the caller checks Redis, so no message slips between check and wait. */
    arm(key: string) {
      const waiter: { fired: boolean; wake?: () => void } = { fired: false };
      let set = armed.get(key);
      if (!set) {
        set = new Set();
        armed.set(key, set);
      }
      set.add(waiter);
      return {
        /** Resolves on a message for the key or after `ms`; rejects when `signal` aborts. */
        async wait(ms: number, signal: AbortSignal): Promise<void> {
          if (waiter.fired) return;
          const stop = new AbortController();
          const both = AbortSignal.any([signal, stop.signal]);
          waiter.wake = () => stop.abort();
          try {
            await sleep(ms, undefined, { signal: both });
          } catch (error) {
            if (signal.aborted) throw error;
          } finally {
            waiter.wake = undefined;
          }
        },
        disarm() {
          set.delete(waiter);
          if (set.size === 0 && armed.get(key) === set) armed.delete(key);
        },
      };
    },
  };
}
