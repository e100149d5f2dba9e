import type { TokenPolicy } from './quota-gate.js';

/**
 * Every Redis key of one token starts with `<prefix>:{<token key>}` so that a Redis Cluster keeps
 * a token's counter, lease, locks and cache in one slot (the hash tag is the first `{...}`).
 *
 * @example
 *   tokenKeys('chatops', token).budget('2026-11-21') // 'chatops:{wolkvox:0032:ab12}:budget:2026-11-21'
 */
export function tokenKeys(prefix: string, token: TokenPolicy) {
  const base = `${prefix}:{${token.key.replace(/[{}]/g, '_')}}`;
  return {
    budget: (day: string) => `${base}:budget:${day}`,
    spent: (day: string) => `${base}:spent:${day}`,
    /** redis-semaphore stores it as `semaphore:<this>`; the hash tag still applies. */
    lease: `${base}:lease`,
    /** Slots long downloads may hold (all leases but one): taken before `lease`. */
    longLease: `${base}:long-lease`,
    spacing: (endpoint: string) => `${base}:spacing:${endpoint}`,
    cache: (key: string) => `${base}:cache:${key}`,
    /** The last failure of a fetch, so replicas that waited on it do not each retry a failing vendor. */
    failure: (key: string) => `${base}:failure:${key}`,
    /** redis-semaphore stores it as `mutex:<this>`. */
    flight: (key: string) => `${base}:flight:${key}`,
  };
}

/** The pub/sub channel on which a finished fetch wakes the replicas waiting for it. */
export function flightChannel(prefix: string): string {
  return `${prefix}:flight-done`;
}

/** Rejects prefixes that would break the hash tag or the key layout. */
export function checkPrefix(prefix: string): string {
  if (!prefix || /[{}\s]/.test(prefix)) throw new TypeError(`quota gate: prefix must be non-empty without braces or spaces (got "${prefix}")`);
  return prefix;
}
