import type { VendorError } from '../domain/errors.js';
import type { TokenPolicy } from './quota-gate.js';

/** One cached vendor answer. `flight` names the fetch that produced it, so waiters on other replicas recognise it. */
export interface CacheEntry {
  value: unknown;
  fetchedAt: number;
  flight: string;
}

/** What a finished fetch leaves behind for the replicas that waited on it. */
export type FlightResult = { entry: CacheEntry } | { error: VendorError } | undefined;

/** The right to fetch one key, or the id of whoever holds it. */
export type FlightClaim = { held: true; id: string; finish(result: FlightResult): Promise<void> } | { held: false; holder: string };

/** What a waiter saw when the fetch it waited on ended. `gone`: the holder vanished without a result. */
export type FlightOutcome = { kind: 'value'; entry: CacheEntry } | { kind: 'error'; error: VendorError } | { kind: 'gone' };

export interface Lease {
  release(): Promise<void>;
}

/** Who asks for a lease: a person or the watcher, and whether for a long download. */
export interface LeaseLane {
  priority: 'interactive' | 'background';
  /** Long downloads never take a token's last lease. */
  long: boolean;
}

/**
 * The storage under a quota gate: one in memory (one process, or a Redis replica's fallback),
 * one in Redis (shared by every replica). The gate's algorithm (`leadRequest`) is the same over
 * both, which is what lets one contract suite cover them.
 */
export interface QuotaStore {
  /** Fraction of a token's budget this store may spend (1, or a replica's share while Redis is down). */
  readonly budgetShare: number;
  /** Leases this store grants a token at once. */
  concurrencyFor(token: TokenPolicy): number;
  readCache(token: TokenPolicy, key: string): Promise<CacheEntry | undefined>;
  claimFlight(token: TokenPolicy, key: string, keepMs: number): Promise<FlightClaim>;
  awaitFlight(token: TokenPolicy, key: string, holder: string, signal: AbortSignal): Promise<FlightOutcome>;
  /** Undefined when no lease came within `waitMs`. One lease per vendor request, held until its body is read. */
  acquireLease(token: TokenPolicy, waitMs: number, signal: AbortSignal, lane?: LeaseLane): Promise<Lease | undefined>;
  /** Resolves when a call to this endpoint keeps `minSpacingMs` from the previous one, and books the slot. */
  awaitSpacing(token: TokenPolicy, endpoint: string, minSpacingMs: number, signal: AbortSignal): Promise<void>;
  /** Spends one unit of `day` if the count stays within `limit`; the new count, or undefined when refused. */
  spend(token: TokenPolicy, day: string, limit: number): Promise<number | undefined>;
  markSpent(token: TokenPolicy, day: string): Promise<void>;
  dayUsage(token: TokenPolicy, day: string): Promise<{ used: number; spent: boolean }>;
  /** Raises the day's count to the vendor's own count when the vendor saw more. */
  raiseUsage(token: TokenPolicy, day: string, vendorUsed: number): Promise<number>;
  close(): Promise<void>;
}

/** How long a day counter outlives its day (time zones and late writers). */
export const DAY_KEY_TTL_MS = 2 * 86_400_000;
