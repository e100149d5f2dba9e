import type { Logger } from './logger.js';

export interface FailureState {
  /** A failure of `key`: logged when it starts, counted after that. */
  failed(key: string, fields: Record<string, unknown>): void;
  /** `key` worked: if it was failing, one line says it recovered and how many failures it took. */
  ok(key: string, fields?: Record<string, unknown>): void;
}

/**
 * Logs a failure that repeats every tick (Redis down, a vendor failing a poll) once when it
 * starts and once when it ends, so an outage is two lines in the log, not one per poll. Each
 * `key` (a source, a source's metric) has its own state.
 *
 * @example
 *   const outbox = failureState(logger, { failing: 'watcher: could not read the outbox; trying again', recovered: 'watcher: the outbox reads again' });
 *   try { await drain(); outbox.ok('outbox'); } catch (err) { outbox.failed('outbox', { err: err.message }); }
 */
export function failureState(logger: Logger, messages: { failing: string; recovered: string; level?: 'warn' | 'error' }): FailureState {
  const failing = new Map<string, number>();
  const level = messages.level ?? 'warn';
  return {
    failed(key, fields) {
      const count = failing.get(key);
      failing.set(key, (count ?? 0) + 1);
      if (count === undefined) logger[level](fields, messages.failing);
    },
    ok(key, fields = {}) {
      const count = failing.get(key);
      if (count === undefined) return;
      failing.delete(key);
      logger.info({ ...fields, failures: count }, messages.recovered);
    },
  };
}
