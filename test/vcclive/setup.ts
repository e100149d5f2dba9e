import { vccliveSourceSchema, type VccliveSourceConfig } from '../../src/config/source-schemas.js';
import { createVccliveAdapter, type VccliveAdapterDeps } from '../../adapters/vcclive/adapter.js';
import type { FakeVcclive } from '../fakes/fake-vcclive.js';

/** Noon in Budapest on the documented example's day (UTC+1 in January). */
export const EXAMPLE_NOON = new Date('2023-01-20T11:00:00.000Z');

/** A source config pointing at the fake, validated by the real config schema. */
export function configFor(fake: FakeVcclive, overrides: Record<string, unknown> = {}): VccliveSourceConfig & { id: string } {
  const parsed = vccliveSourceSchema.parse({
    vendor: 'vcclive',
    account: fake.account,
    token: fake.token,
    projectId: fake.projectId,
    baseUrl: fake.url,
    timeZone: 'Europe/Budapest',
    ...overrides,
  });
  return { id: 'emea', ...parsed };
}

/** The adapter against the fake, clock at `now`, no retry delays. */
export function adapterFor(fake: FakeVcclive, options: { now?: Date; config?: Record<string, unknown>; deps?: VccliveAdapterDeps } = {}) {
  const now = options.now ?? EXAMPLE_NOON;
  return createVccliveAdapter(configFor(fake, options.config), { now: () => now, retries: 0, retryBaseDelayMs: 1, ...options.deps });
}
