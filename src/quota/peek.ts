import type { PeekedValue, TokenPolicy } from './quota-gate.js';
import type { QuotaStore } from './store.js';

/**
 * The cached answer of a key in a store, whatever its age, without a vendor call, budget or
 * lease: for figures derived from an answer another command already paid for.
 */
export async function peekCache<T>(store: Pick<QuotaStore, 'readCache'>, token: TokenPolicy, key: string): Promise<PeekedValue<T> | undefined> {
  const entry = await store.readCache(token, key);
  return entry ? { value: entry.value as T, fetchedAt: entry.fetchedAt } : undefined;
}
