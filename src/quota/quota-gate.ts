import { BotError } from '../domain/errors.js';
import type { Said } from '../domain/said.js';

/**
 * The quota gate: the one door to every vendor call, shared by every replica.
 *
 * `run` serves a fresh cached value; or joins the one fetch in flight for that key (on any
 * replica); or fetches and caches. Metering is per vendor request, not per answer: every HTTP
 * request the fetch sends (each page, each day of a search, each retry) takes a concurrency lease
 * of the token and spends one unit of the daily budget as it leaves (see `request-meter.ts`), so
 * the day's count is the vendor's count. When the budget is spent or the vendor fails, it serves
 * the last value with its age (`stale: true`); with no last value it throws (`QuotaSpentError` or
 * the `VendorError`).
 */
export interface QuotaGate {
  run<T>(request: GateRequest<T>): Promise<GateResult<T>>;
  /**
   * The cached answer of a key, whatever its age, or undefined: never calls the vendor, spends
   * budget or waits for a fetch in flight (figures derived from another command's answer).
   */
  peek<T>(token: TokenPolicy, key: string): Promise<PeekedValue<T> | undefined>;
  /** Align the day counter with the vendor's own count (wolkvox `token_use_today`): raised, never lowered. */
  reconcile(token: TokenPolicy, usedToday: number): Promise<void>;
  /** Budget figures per token for /metrics and /readyz: `usedToday` counts vendor requests. */
  usage(token: TokenPolicy): Promise<{ usedToday: number; budget: number | undefined; left: number | undefined }>;
  /** `shared` (Redis answering), `local` (Redis configured but unreachable: per-process limits), `memory`. */
  mode(): 'shared' | 'local' | 'memory';
  /** How limits are kept right now, in words, for `/readyz` and the start-up lines. */
  health(): GateHealth;
  /**
   * The replicas sharing Redis as this replica last read them (sorted ids, this one's place),
   * kept through an outage: the watcher's first member leads alone while Redis is down.
   * Undefined in memory mode and before the first read.
   */
  replicas?(): { members: string[]; rank: number } | undefined;
  close(): Promise<void>;
}

/** A cached answer as `QuotaGate.peek` gives it. */
export interface PeekedValue<T> {
  value: T;
  /** When the vendor answered (ms since epoch). */
  fetchedAt: number;
}

export interface GateHealth {
  mode: 'shared' | 'local' | 'memory';
  /** Replicas sharing the limits, as this one last saw them (Redis mode). */
  replicas?: number;
  /** Set while the gate works on less than it should (Redis unreachable): why, and what that means for answers. */
  degraded?: string;
  /** Since when it is degraded (ms since epoch). */
  since?: number;
}

/** How one API token is rationed. Sources that share a token share one policy key. */
export interface TokenPolicy {
  /** Non-secret identity of the token, e.g. `wolkvox:0032:1a2b3c` (hash of the token). */
  key: string;
  /** Simultaneous vendor requests allowed across all replicas. */
  concurrency: number;
  /** Vendor requests per local day; undefined = unlimited. */
  dailyBudget?: number;
  /** Share (0..1) of the daily budget only interactive requests may spend. */
  reserveShare: number;
  /** The day resets at midnight in this zone. */
  timeZone: string;
  /** Minimum gap between two requests to the same vendor endpoint. */
  minSpacingMs?: number;
}

export interface GateRequest<T> {
  token: TokenPolicy;
  /** Source id (`bogota`), for metric labels and sentences. */
  source: string;
  /** Vendor name for sentences (`wolkvox`). */
  vendor: string;
  /** Cache key: source, endpoint and arguments (`bogota:queue`, `bogota:transcript:123`). */
  key: string;
  /** Endpoint name for spacing and metrics (`queue`, `transcript`). */
  endpoint: string;
  /** How long a fetched value is fresh. 0 = never cached (but still single-flight). */
  ttlMs: number;
  /** Interactive requests (a person asked) may spend the reserve; background ones may not. */
  priority: 'interactive' | 'background';
  /** Fetches the answer; each vendor request it sends through the shared HTTP client is metered. */
  fetch: (signal: AbortSignal) => Promise<T>;
  /**
   * The asker gives up when it aborts. Without one, the gate takes the answer deadline of the
   * command being answered (`withinAnswerDeadline`), if any. A fetch whose askers all gave up
   * sends no further vendor request.
   */
  signal?: AbortSignal;
}

export type GateResult<T> =
  | { value: T; fetchedAt: number; stale: false; fromCache: boolean }
  | {
      value: T;
      fetchedAt: number;
      stale: true;
      staleReason: string;
      /** `staleReason` as a message key, to say it in the asker's language. */
      staleSaid?: Said;
      fromCache: true;
      /** Set when the last value stands in because no vendor slot came in time: about when to ask again. */
      retryInSeconds?: number;
    };

/** Thrown when the budget is spent and there is no earlier value to serve. */
export class QuotaSpentError extends BotError {
  constructor(
    readonly tokenKey: string,
    vendor: string,
  ) {
    super('budget-spent', `daily budget spent for ${tokenKey}`, { key: 'vendorError.quotaSpentNoEarlier', values: { vendor } });
    this.name = 'QuotaSpentError';
  }
}
