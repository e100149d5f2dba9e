import { type CoreContext, isReserveRefusal, validate } from './gate-core.js';
import type { GateRequest, GateResult, PeekedValue, TokenPolicy } from './quota-gate.js';
import { answerDeadline, type AnswerDeadline } from './answer-deadline.js';
import { FetchAbandoned, VendorBusyError } from './vendor-busy.js';

type Lead = <T>(req: GateRequest<T>) => Promise<GateResult<T>>;

/** One fetch led in this process, and who still waits for it. */
interface Flight {
  promise: Promise<GateResult<unknown>>;
  priority: GateRequest<unknown>['priority'];
  /** Askers with a signal (a person's command) that have not given up. */
  askers: number;
  /** Someone waits without a signal (the watcher): the fetch is never abandoned. */
  kept: boolean;
  /** Aborted when the last asker gives up: the fetch sends no further vendor request. */
  abandon: AbortController;
}

/**
 * One promise per key inside a process: whoever asks while a key is being led joins it. An asker
 * giving up does not cancel a fetch others wait on; when every asker gave up (their answer
 * deadlines passed) and no poll waits, the fetch is abandoned and spends nothing more. An asker
 * whose answer deadline passes gets the last value with its age, or a `VendorBusyError` saying
 * when to try again, at once. An interactive asker that joined a background fetch refused for
 * the reserve leads again.
 *
 * @example
 *   const run = createInProcessJoin(lead, ctx, (token, key) => peekCache(store, token, key));
 */
export function createInProcessJoin(
  lead: Lead,
  ctx: Pick<CoreContext, 'metrics' | 'slotWaits'>,
  lastValue: (token: TokenPolicy, key: string) => Promise<PeekedValue<unknown> | undefined> = async () => undefined,
) {
  const inflight = new Map<string, Flight>();

  /** The answer of an asker whose deadline passed: the last value with its age, else "busy, try again in about N s". */
  async function lateAnswer<T>(req: GateRequest<T>, deadline: AnswerDeadline): Promise<GateResult<T>> {
    const retryInSeconds = ctx.slotWaits?.retryInSeconds(req.token.key, deadline.withinMs) ?? Math.ceil(deadline.withinMs / 1000);
    const last = await lastValue(req.token, req.key).catch(() => undefined);
    if (last) {
      ctx.metrics?.staleServed.inc({ source: req.source, endpoint: req.endpoint });
      const staleReason = `${req.vendor} is busy; this is the last answer; try again in about ${retryInSeconds} s`;
      return { value: last.value as T, fetchedAt: last.fetchedAt, stale: true, staleReason, fromCache: true, retryInSeconds };
    }
    throw new VendorBusyError(
      {
        source: req.source,
        vendor: req.vendor,
        endpoint: req.endpoint,
        detail: `no answer from ${req.token.key} within ${deadline.withinMs} ms for ${req.key}`,
      },
      retryInSeconds,
    );
  }

  function start(id: string, req: GateRequest<unknown>): Flight {
    const abandon = new AbortController();
    const flight: Flight = { promise: lead({ ...req, signal: abandon.signal }), priority: req.priority, askers: 0, kept: false, abandon };
    inflight.set(id, flight);
    const drop = () => {
      if (inflight.get(id) === flight) inflight.delete(id);
    };
    flight.promise.then(drop, drop);
    return flight;
  }

  /** Waits for `promise` on behalf of one asker, counted in `flight` until it gets its answer or gives up. */
  function follow<T>(id: string, flight: Flight, promise: Promise<GateResult<T>>, req: GateRequest<T>, deadline: AnswerDeadline | undefined) {
    const signal = req.signal ?? deadline?.signal;
    if (!signal) {
      flight.kept = true;
      return promise;
    }
    flight.askers += 1;
    return new Promise<GateResult<T>>((resolve, reject) => {
      let counted = true;
      const leave = () => {
        signal.removeEventListener('abort', onAbort);
        if (!counted) return;
        counted = false;
        flight.askers -= 1;
        if (flight.askers > 0 || flight.kept) return;
        // Nobody waits any more: the next asker starts afresh, and this fetch sends nothing more.
        if (inflight.get(id) === flight) inflight.delete(id);
        flight.abandon.abort(new FetchAbandoned(req.key));
      };
      const onAbort = () => {
        leave();
        if (req.signal || !deadline) return reject(signal.reason);
        lateAnswer(req, deadline).then(resolve, reject);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      promise.then(
        (value) => {
          counted = false;
          leave();
          resolve(value);
        },
        (error: unknown) => {
          counted = false;
          leave();
          reject(error);
        },
      );
    });
  }

  return function run<T>(req: GateRequest<T>): Promise<GateResult<T>> {
    const deadline = req.signal ? undefined : answerDeadline();
    try {
      req.signal?.throwIfAborted();
      validate(req);
    } catch (error) {
      return Promise.reject(error);
    }
    if (deadline?.signal.aborted) return lateAnswer(req, deadline);
    const id = `${req.token.key}\u0000${req.key}`;
    const current = inflight.get(id);
    if (current) {
      ctx.metrics?.cacheHits.inc({ source: req.source, endpoint: req.endpoint, how: 'joined' });
      const mayLeadAgain = req.priority === 'interactive' && current.priority === 'background';
      const leadAgain = () => lead({ ...req, signal: req.signal ?? deadline?.signal });
      const joined = (current.promise as Promise<GateResult<T>>).then(
        (result) => (mayLeadAgain && isReserveRefusal(result) ? leadAgain() : result.stale ? result : { ...result, fromCache: true }),
        (error: unknown) => {
          if (mayLeadAgain && isReserveRefusal(error)) return leadAgain();
          throw error;
        },
      );
      return follow(id, current, joined, req, deadline);
    }
    const flight = start(id, req);
    return follow(id, flight, flight.promise as Promise<GateResult<T>>, req, deadline);
  };
}
