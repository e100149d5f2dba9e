import { AsyncLocalStorage } from 'node:async_hooks';
import type { Dispatcher } from 'undici';

/** Told of every vendor request sent on behalf of the command being run. */
export type RequestCharge = () => void;

const current = new AsyncLocalStorage<RequestCharge>();

/**
 * Runs `work` so that every vendor request it causes (directly, or as the one who leads a shared
 * fetch) calls `charge`. Requests nobody asked for (watcher polls) and answers served from the
 * cache, or joined from another asker's fetch, charge no one.
 *
 * @example
 *   let sent = 0;
 *   await chargingRequestsTo(() => sent++, () => source.transcript('123'));
 */
export function chargingRequestsTo<T>(charge: RequestCharge, work: () => Promise<T>): Promise<T> {
  return current.run(charge, work);
}

/**
 * An undici interceptor that tells the command being run about each HTTP request as it leaves
 * (every page, search day and retry: what the vendor counts).
 *
 * @example
 *   const dispatcher = new Agent().compose(askerMeterInterceptor);
 */
export const askerMeterInterceptor: Dispatcher.DispatcherComposeInterceptor = (dispatch) => (options, handler) => {
  current.getStore()?.();
  return dispatch(options, handler);
};
