import { AsyncLocalStorage } from 'node:async_hooks';

/** One HTTP request about to leave for a vendor (each attempt, page, search day, retry). */
export interface VendorRequest {
  /** The vendor's endpoint, without secrets (`reports_manager.php?api=chat_2`). */
  endpoint: string;
  /**
   * A long download (a report, a page of a chat log): it never takes a token's last lease, so
   * live questions and watcher polls always find one free.
   */
  long?: boolean;
  signal?: AbortSignal;
}

/**
 * Admits one vendor request: resolves once it may be sent (a concurrency lease taken, one unit of
 * the day's budget spent) with the function that gives the lease back, to call once its answer
 * has been read or dropped. Rejects when the budget refuses it or no lease comes in time.
 */
export type RequestMeter = (request: VendorRequest) => Promise<() => void>;

const current = new AsyncLocalStorage<RequestMeter>();

/**
 * Runs `work` (a quota gate's fetch) so that every vendor request it sends, however deep in an
 * adapter, is admitted by `meter`. The gate calls this; adapters never do.
 */
export function runMetered<T>(meter: RequestMeter, work: () => Promise<T>): Promise<T> {
  return current.run(meter, work);
}

/**
 * Called by the HTTP client before each request it sends. Inside a quota gate's fetch this takes
 * a lease and spends budget; outside one (an adapter driven directly by a test or a bench) it
 * admits at once and counts nothing.
 *
 * @example
 *   const release = await meterRequest({ endpoint: 'real_time.php?api=chats', signal });
 *   try { res = await request(url); await readBody(res); } finally { release(); }
 */
export async function meterRequest(request: VendorRequest): Promise<() => void> {
  const meter = current.getStore();
  if (!meter) return () => undefined;
  const release = await meter(request);
  let done = false;
  return () => {
    if (done) return;
    done = true;
    release();
  };
}

/** True inside a quota gate's fetch (its requests are metered). */
export function isMetered(): boolean {
  return current.getStore() !== undefined;
}
