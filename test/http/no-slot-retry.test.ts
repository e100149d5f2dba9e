import { afterEach, expect, it } from 'vitest';
import { createVendorHttp } from '../../adapters/http/vendor-http.js';
import { VendorError } from '../../src/domain/errors.js';
import { createMetrics } from '../../src/metrics/metrics.js';
import { createMemoryQuotaGate } from '../../src/quota/memory-gate.js';
import type { GateRequest, QuotaGate, TokenPolicy } from '../../src/quota/quota-gate.js';
import { meterRequest } from '../../src/quota/request-meter.js';
import { VendorBusyError } from '../../src/quota/vendor-busy.js';
import { startCountingVendor, type CountingVendor } from '../fakes/counting-vendor.js';

const token: TokenPolicy = { key: 'wolkvox:0032', concurrency: 1, reserveShare: 0, timeZone: 'America/Bogota' };

let vendor: CountingVendor | undefined;
let gate: QuotaGate | undefined;
afterEach(async () => {
  await gate?.close();
  await vendor?.close();
  gate = vendor = undefined;
});

function request<T>(key: string, fetch: GateRequest<T>['fetch']): GateRequest<T> {
  return { token, source: 'bogota', vendor: 'wolkvox', key, endpoint: 'value', ttlMs: 0, priority: 'interactive', fetch };
}

it("does not retry the gate's own no-slot error: one wait for a slot, then the asker hears when to try again", async () => {
  vendor = await startCountingVendor({ concurrency: 1 });
  // A wait of 50 ms for a slot: what is measured is how many waits there are, not how long they take.
  const metrics = createMetrics();
  gate = createMemoryQuotaGate({ leaseWaitMs: 50, metrics });
  const slotWaits = async () => (await metrics.leaseWaitSeconds.get()).values.find((v) => v.metricName === 'chatops_lease_wait_seconds_count')?.value;
  const client = createVendorHttp({ vendor: 'wolkvox', source: 'bogota', baseUrl: vendor.url, timeoutMs: 5_000, busyRetries: 4, busyRetryDelayMs: 0 });
  let holding!: () => void;
  const slotTaken = new Promise<void>((resolve) => (holding = resolve));
  let letGo!: () => void;
  const held = new Promise<void>((resolve) => (letGo = resolve));
  // The token's one slot, held by another question until the test lets it go.
  const first = gate.run(
    request('bogota:held', async () => {
      const release = await meterRequest({ endpoint: 'value' });
      holding();
      await held;
      release();
      return 'held';
    }),
  );
  await slotTaken;
  const second = await gate
    .run(request('bogota:second', (signal) => client.json('/value', { endpoint: 'value', query: { key: 'second' }, signal })))
    .catch((error: unknown) => error);
  letGo();
  expect(await first).toMatchObject({ value: 'held' });
  expect(second).toBeInstanceOf(VendorBusyError);
  expect((second as VendorBusyError).retryInSeconds).toBeGreaterThanOrEqual(5);
  // One wait for the held slot, one for the second question: no retry waited again (4 would have).
  expect(await slotWaits()).toBe(2);
  expect(vendor.stats().calls).toBe(0);
  expect((await gate.usage(token)).usedToday).toBe(1);
  await client.close();
});

it("still retries the vendor's own 'too many simultaneous requests', with its reason", async () => {
  vendor = await startCountingVendor({ concurrency: 0 });
  const client = createVendorHttp({
    vendor: 'wolkvox',
    source: 'bogota',
    baseUrl: vendor.url,
    timeoutMs: 5_000,
    busyRetries: 3,
    busyRetryDelayMs: 0,
    classifyStatus: (status, text) => (status === 403 && text.includes('SIMULTANEOUS') ? { reason: 'too-many-concurrent', kind: 'refused' } : undefined),
  });
  const failure = await client.json('/value', { endpoint: 'value', query: { key: 'x' } }).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(VendorError);
  expect(failure).not.toBeInstanceOf(VendorBusyError);
  expect((failure as VendorError).reason).toBe('too-many-concurrent');
  // The first attempt and three retries, each refused by the vendor.
  expect(vendor.stats().refused).toBe(4);
  await client.close();
});
