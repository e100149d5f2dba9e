import { getEventListeners } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { createVendorHttp } from '../../adapters/http/vendor-http.js';
import { VendorError } from '../../src/domain/errors.js';

let server: http.Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A vendor that answers every request with a 503, counting them. */
async function failingVendor(): Promise<{ url: string; requests: () => number }> {
  let requests = 0;
  server = http.createServer((_req, res) => {
    requests++;
    res.writeHead(503, { 'content-type': 'text/plain' }).end('maintenance');
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, requests: () => requests };
}

it('retries on one long-lived signal without leaving abort listeners behind (no MaxListenersExceededWarning)', async () => {
  const vendor = await failingVendor();
  const client = createVendorHttp({ vendor: 'wolkvox', source: 'bogota', baseUrl: vendor.url, timeoutMs: 5_000, retries: 12, retryBaseDelayMs: 1 });
  const lifetime = new AbortController();
  const warnings: string[] = [];
  const onWarning = (warning: Error) => warnings.push(warning.name);
  process.on('warning', onWarning);
  try {
    const failure = await client.json('/api', { endpoint: 'api', signal: lifetime.signal }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(VendorError);
    expect((failure as VendorError).reason).toBe('server-error');
    expect(vendor.requests()).toBe(13);
    expect(getEventListeners(lifetime.signal, 'abort')).toHaveLength(0);
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  } finally {
    process.off('warning', onWarning);
    await client.close();
  }
});

it('stops retrying at once when the signal aborts during a backoff pause', async () => {
  const vendor = await failingVendor();
  const client = createVendorHttp({ vendor: 'wolkvox', source: 'bogota', baseUrl: vendor.url, timeoutMs: 5_000, retries: 5, retryBaseDelayMs: 60_000 });
  const asker = new AbortController();
  const call = client.json('/api', { endpoint: 'api', signal: asker.signal }).catch((error: unknown) => error);
  await new Promise<void>((resolve) => server!.once('request', () => setImmediate(resolve)));
  asker.abort(new Error('asker gave up'));
  expect(await call).toMatchObject({ message: 'asker gave up' });
  expect(vendor.requests()).toBe(1);
  await client.close();
});
