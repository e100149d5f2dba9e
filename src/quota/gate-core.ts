import { isVendorError } from '../domain/errors.js';
import { inEnglish, type Said } from '../domain/said.js';
import type { Logger } from '../log/logger.js';
import type { Metrics } from '../metrics/metrics.js';
import { localDate } from '../domain/local-date.js';
import { QuotaSpentError, type GateRequest, type GateResult, type TokenPolicy } from './quota-gate.js';
import type { CacheEntry, FlightResult, Lease, QuotaStore } from './store.js';
import { runMetered, type VendorRequest } from './request-meter.js';
import type { SlotWaits } from './slot-waits.js';
import { VendorBusyError } from './vendor-busy.js';

/** What the algorithm needs besides a store. */
export interface CoreContext {
  now: () => number;
  metrics?: Metrics;
  logger: Logger;
  /** Aborted when the gate closes; a shared fetch outlives any one asker, not the gate. */
  signal: AbortSignal;
  /** How long a last value is kept for stale serving. */
  staleKeepMs: number;
  /** How long a request waits for a concurrency lease before it counts as "vendor busy". */
  leaseWaitMs: number;
  /**
   * Admits each vendor request of a fetch (lease + budget). Default: `admitRequest` on the store
   * the answer was led on; the Redis gate passes one that falls back to local limits mid-fetch.
   */
  admit?: (req: GateRequest<unknown>, request: VendorRequest) => Promise<() => void>;
  /** Recent slot waits per token, for the "try again in about N s" of a busy answer. */
  slotWaits?: SlotWaits;
}

/** A vendor request the budget refused: the answer falls back to its last value, or says the quota is spent. */
export class BudgetRefusal extends Error {
  constructor(readonly why: 'spent' | 'reserve') {
    super(why === 'spent' ? 'daily budget spent' : 'the rest of the daily budget is kept for interactive questions');
    this.name = 'BudgetRefusal';
  }
}

/** Results and errors that came from the background share running out while the reserve is left. */
const reserveRefusals = new WeakSet<object>();

/** True for a result or error of a background fetch refused only to keep the reserve for people. */
export function isReserveRefusal(outcome: unknown): boolean {
  return typeof outcome === 'object' && outcome !== null && reserveRefusals.has(outcome);
}

/**
 * The gate's algorithm for the one request per process that leads a key: fresh cache, else join
 * another replica's fetch, else lease + spacing + budget + call. Failures the supervisor can live
 * with (quota, busy, vendor down) fall back to the last value with its age.
 */
export async function leadRequest<T>(store: QuotaStore, req: GateRequest<T>, ctx: CoreContext): Promise<GateResult<T>> {
  const { token, key } = req;
  // The lead's own signal: aborted when every asker gave up (see in-process-join), or the gate closed.
  const signal = req.signal ? AbortSignal.any([ctx.signal, req.signal]) : ctx.signal;
  for (;;) {
    const last = await store.readCache(token, key);
    if (last && isFresh(last, req.ttlMs, ctx.now())) return hit(req, last, 'cache', ctx);
    const claim = await store.claimFlight(token, key, Math.max(req.ttlMs, ctx.staleKeepMs));
    if (!claim.held) {
      const outcome = await store.awaitFlight(token, key, claim.holder, signal);
      if (outcome.kind === 'value') return hit(req, outcome.entry, 'joined', ctx);
      if (outcome.kind === 'error') return fallBack(req, outcome.error, last, ctx);
      continue; // the holder died or gave up without a result: try to become the holder
    }
    let result: FlightResult;
    try {
      // Another replica may have finished between our read and our claim.
      const latest = (await store.readCache(token, key)) ?? last;
      if (latest && isFresh(latest, req.ttlMs, ctx.now())) return hit(req, latest, 'cache', ctx);
      return await callVendor(store, req, latest, claim.id, ctx, (r) => {
        result = r;
      });
    } finally {
      await claim.finish(result).catch((error: unknown) => ctx.logger.debug({ err: error, key }, 'quota gate: could not publish a result'));
    }
  }
}

async function callVendor<T>(
  store: QuotaStore,
  req: GateRequest<T>,
  last: CacheEntry | undefined,
  flight: string,
  ctx: CoreContext,
  settle: (result: FlightResult) => void,
): Promise<GateResult<T>> {
  const { token } = req;
  const day = localDate(ctx.now(), token.timeZone);
  if ((await store.dayUsage(token, day)).spent) return refuse(req, last, 'spent', ctx);

  // The answer is not metered here: each request its fetch sends is, as it leaves (see admitRequest).
  const admit = ctx.admit ?? ((r: GateRequest<unknown>, request: VendorRequest) => admitRequest(store, r, request, ctx));
  let value: T;
  try {
    value = await runMetered(
      (request) => admit(req, request),
      () => req.fetch(ctx.signal),
    );
  } catch (error) {
    if (error instanceof BudgetRefusal) return refuse(req, last, error.why, ctx);
    if (isVendorError(error)) {
      ctx.metrics?.vendorErrors.inc({ source: req.source, endpoint: req.endpoint, kind: error.kind });
      settle({ error });
      if (error.kind === 'refused' && error.reason === 'quota-spent') {
        await store.markSpent(token, day).catch(() => undefined);
        ctx.logger.warn({ token: token.key, day }, 'vendor says the daily quota is spent; no more calls with this token today');
      }
    }
    return fallBack(req, error, last, ctx);
  }
  const entry: CacheEntry = { value, fetchedAt: ctx.now(), flight };
  settle({ entry });
  return { value, fetchedAt: entry.fetchedAt, stale: false, fromCache: false };
}

/**
 * Admits one vendor request of the answer `req` is fetching: a concurrency lease of the token
 * (held until the answer's body is read), the minimum spacing of its endpoint, and one unit of
 * the day's budget, spent as the request leaves. The bot's count is then the vendor's count.
 * Throws `BudgetRefusal` when the budget refuses, a `VendorBusyError` when no lease came in time,
 * and the signal's reason when every asker of the fetch gave up while it waited.
 */
export async function admitRequest(store: QuotaStore, req: GateRequest<unknown>, request: VendorRequest, ctx: CoreContext): Promise<() => void> {
  const { token } = req;
  // req.signal aborts once nobody waits for this answer: a request not yet admitted is not sent.
  const signal = AbortSignal.any([ctx.signal, ...(req.signal ? [req.signal] : []), ...(request.signal ? [request.signal] : [])]);
  const waitStart = performance.now();
  const waiting = { token: token.key, priority: req.priority };
  ctx.metrics?.leaseWaiting.inc(waiting);
  let lease: Lease | undefined;
  try {
    lease = await store.acquireLease(token, ctx.leaseWaitMs, signal, { priority: req.priority, long: request.long === true });
  } finally {
    ctx.metrics?.leaseWaiting.dec(waiting);
  }
  const waited = performance.now() - waitStart;
  ctx.metrics?.leaseWaitSeconds.observe({ token: token.key }, waited / 1000);
  ctx.slotWaits?.record(token.key, waited);
  // Every asker gave up meanwhile: say so rather than "busy" (nobody will read it, and no replica should).
  if (!lease && signal.aborted) throw signal.reason;
  if (!lease) throw busyError(req, ctx.leaseWaitMs, ctx.slotWaits?.retryInSeconds(token.key, waited) ?? Math.ceil(waited / 1000));
  try {
    const { limit, reserved } = spendLimit(token, req.priority, store.budgetShare);
    const used = await store.spend(token, localDate(ctx.now(), token.timeZone), limit);
    if (used === undefined) throw new BudgetRefusal(reserved ? 'reserve' : 'spent');
    recordQuota(ctx, token, used, store.budgetShare);
    // Last, so that nothing stands between the spacing's booking and the request leaving.
    if (token.minSpacingMs) await store.awaitSpacing(token, request.endpoint, token.minSpacingMs, signal);
    ctx.metrics?.vendorCalls.inc({ source: req.source, endpoint: request.endpoint });
  } catch (error) {
    await lease.release().catch(() => undefined);
    throw error;
  }
  return () => void lease.release().catch(() => undefined);
}

/** The most this store may count today for this priority; background requests stop short of the reserve. */
export function spendLimit(token: TokenPolicy, priority: GateRequest<unknown>['priority'], share: number): { limit: number; reserved: boolean } {
  if (token.dailyBudget === undefined) return { limit: Number.POSITIVE_INFINITY, reserved: false };
  const budget = Math.floor(token.dailyBudget * share);
  if (priority === 'interactive') return { limit: budget, reserved: false };
  const reserve = Math.ceil(budget * Math.min(Math.max(token.reserveShare, 0), 1));
  return { limit: budget - reserve, reserved: reserve > 0 };
}

export function recordQuota(ctx: Pick<CoreContext, 'metrics'>, token: TokenPolicy, used: number, share = 1): void {
  ctx.metrics?.quotaUsed.set({ token: token.key }, used);
  if (token.dailyBudget !== undefined) ctx.metrics?.quotaLeft.set({ token: token.key }, Math.max(0, Math.floor(token.dailyBudget * share) - used));
}

function isFresh(entry: CacheEntry, ttlMs: number, now: number): boolean {
  return ttlMs > 0 && now - entry.fetchedAt < ttlMs;
}

function hit<T>(req: GateRequest<T>, entry: CacheEntry, how: 'cache' | 'joined', ctx: CoreContext): GateResult<T> {
  ctx.metrics?.cacheHits.inc({ source: req.source, endpoint: req.endpoint, how });
  return { value: entry.value as T, fetchedAt: entry.fetchedAt, stale: false, fromCache: true };
}

function stale<T>(req: GateRequest<T>, entry: CacheEntry, staleSaid: Said, ctx: CoreContext): Extract<GateResult<T>, { stale: true }> {
  ctx.metrics?.staleServed.inc({ source: req.source, endpoint: req.endpoint });
  return { value: entry.value as T, fetchedAt: entry.fetchedAt, stale: true, staleReason: inEnglish(staleSaid), staleSaid, fromCache: true };
}

function refuse<T>(req: GateRequest<T>, last: CacheEntry | undefined, why: 'spent' | 'reserve', ctx: CoreContext): GateResult<T> {
  const { vendor } = req;
  const reason: Said = { key: why === 'spent' ? 'stale.quotaSpent' : 'stale.quotaReserve', values: { vendor } };
  const outcome: GateResult<T> | QuotaSpentError = last ? stale(req, last, reason, ctx) : new QuotaSpentError(req.token.key, vendor);
  if (why === 'reserve') reserveRefusals.add(outcome);
  if (outcome instanceof QuotaSpentError) throw outcome;
  return outcome;
}

/** Serves the last value for failures a stale answer is better than nothing for; rethrows the rest. */
function fallBack<T>(req: GateRequest<T>, error: unknown, last: CacheEntry | undefined, ctx: CoreContext): GateResult<T> {
  const reason = staleSaidFor(error);
  if (reason === undefined || !last) throw error;
  const result = stale(req, last, reason, ctx);
  return error instanceof VendorBusyError ? { ...result, retryInSeconds: error.retryInSeconds } : result;
}

/** Why a stale answer is shown, in the supervisor's words; undefined when the error is not one to hide. */
export function staleReasonFor(error: unknown): string | undefined {
  const said = staleSaidFor(error);
  return said && inEnglish(said);
}

/** Why a stale answer is shown, as a message key (said in the asker's language); undefined when the error is not one to hide. */
export function staleSaidFor(error: unknown): Said | undefined {
  if (!isVendorError(error)) return undefined;
  const values = { vendor: error.vendor };
  if (error.kind === 'unavailable') return { key: error.reason === 'maintenance' ? 'stale.maintenance' : 'stale.notAnswering', values };
  if (error.kind !== 'refused') return undefined;
  switch (error.reason) {
    case 'quota-spent':
      return { key: 'stale.quotaSpent', values };
    case 'too-many-concurrent':
      return { key: 'stale.busy', values };
    case 'rate-limited':
      return { key: 'stale.slowDown', values };
    default:
      return undefined;
  }
}

/** The gate's own "no slot in time": never retried by the HTTP client, and it says when to try again. */
function busyError(req: GateRequest<unknown>, waitMs: number, retryInSeconds: number): VendorBusyError {
  return new VendorBusyError(
    { source: req.source, vendor: req.vendor, endpoint: req.endpoint, detail: `no concurrency lease for ${req.token.key} within ${waitMs} ms` },
    retryInSeconds,
  );
}

/** Throws on a request the gate cannot run (a bug in the caller). */
export function validate(req: GateRequest<unknown>): void {
  if (!Number.isFinite(req.ttlMs) || req.ttlMs < 0) throw new TypeError(`quota gate: ttlMs must be a finite number >= 0 (got ${req.ttlMs}) for ${req.key}`);
  if (!req.key) throw new TypeError('quota gate: a request needs a cache key');
  if (!(req.token.concurrency >= 1)) throw new TypeError(`quota gate: token ${req.token.key} needs concurrency >= 1`);
}
