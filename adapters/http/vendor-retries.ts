import { setTimeout as delay } from 'node:timers/promises';
import { VendorError } from '../../src/domain/errors.js';
import { VendorBusyError } from '../../src/quota/vendor-busy.js';
import type { RequestOptions } from './vendor-http-types.js';

/** The allowances of withVendorRetries (see VendorHttpOptions for each). */
export interface RetryPolicy {
  retries: number;
  baseDelayMs: number;
  busyRetries: number;
  busyDelayMs: number;
  maxRetryAfterMs: number;
}

/**
 * Runs `attempt` (one request and the reading of its answer) until it succeeds or fails for
 * good. Three kinds of retry, each with its own allowance: a GET that failed on the network or
 * with 5xx (exponential backoff, full jitter); the vendor's "too many simultaneous requests"
 * (a short jittered wait, never shown to the asker); a 429/503 with a short `Retry-After`
 * (waited out once). Attempts give their lease back before any wait. The quota gate's own
 * refusals (no slot in time, budget, every asker gone) are never retried: the vendor saw nothing.
 * Own loop rather than p-retry or undici's RetryAgent: every attempt must pass the quota meter
 * and the decision depends on the vendor's body.
 */
export async function withVendorRetries<T>(policy: RetryPolicy, opts: RequestOptions, attempt: () => Promise<T>): Promise<T> {
  const { retries, baseDelayMs: baseDelay, busyRetries, busyDelayMs: busyDelay, maxRetryAfterMs } = policy;
  const left = { failures: (opts.method ?? 'GET') === 'GET' ? retries : 0, busy: busyRetries, retryAfter: 1 };
  for (;;) {
    let failure: VendorError;
    try {
      return await attempt();
    } catch (error) {
      // The gate's own "no slot in time" is not a vendor failure: waiting again would only make the asker wait longer.
      if (!(error instanceof VendorError) || error instanceof VendorBusyError || opts.signal?.aborted) throw error;
      failure = error;
    }
    const retryAfterMs = failure.retryAfterSeconds === undefined ? undefined : failure.retryAfterSeconds * 1000;
    let waitMs: number;
    if (failure.reason === 'too-many-concurrent' && left.busy > 0) {
      left.busy -= 1;
      waitMs = Math.random() * busyDelay * (busyRetries - left.busy);
    } else if (retryAfterMs !== undefined && retryAfterMs <= maxRetryAfterMs && left.retryAfter > 0) {
      left.retryAfter -= 1;
      waitMs = retryAfterMs;
    } else if (
      failure.kind === 'unavailable' &&
      (failure.status === undefined || failure.status >= 500) &&
      failure.reason !== 'truncated' &&
      left.failures > 0
    ) {
      left.failures -= 1;
      waitMs = Math.random() * baseDelay * 2 ** (retries - left.failures - 1);
    } else {
      throw failure;
    }
    await sleep(waitMs, opts.signal);
  }
}

/**
 * A backoff pause that ends early when `signal` aborts. node's timers/promises removes its abort
 * listener when the pause ends, so a long-lived signal shared by many requests does not collect
 * one listener per retry (the 11th used to print MaxListenersExceededWarning).
 */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return delay(ms, undefined, { signal });
}
