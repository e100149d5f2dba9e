import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { meterRequest } from '../../src/quota/request-meter.js';
import { VendorError, defaultUserMessage } from '../../src/domain/errors.js';

export interface CountingVendorOptions {
  /** Simultaneous requests answered before the wolkvox 403 (default 2, like wolkvox). */
  concurrency?: number;
  /** How long each answer takes (default 20 ms). */
  delayMs?: number;
}

export interface CountingVendorStats {
  calls: number;
  refused: number;
  maxConcurrent: number;
  inFlight: number;
  callsByKey: Record<string, number>;
}

export interface CountingVendor {
  url: string;
  stats(): CountingVendorStats;
  setDelay(ms: number): void;
  reset(): void;
  close(): Promise<void>;
}

/**
 * A vendor that counts: calls, calls per key, the most simultaneous requests, and refusals.
 * Past its concurrency it answers like wolkvox: 403 `EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS
 * PER TOKEN (2)`. Controls over HTTP too, so child processes and benches can read it:
 * `GET /value?key=K[&delay=ms][&hang=1]`, `GET /stats`, `POST /reset`, `POST /delay?ms=N`.
 */
export async function startCountingVendor(options: CountingVendorOptions = {}): Promise<CountingVendor> {
  const limit = options.concurrency ?? 2;
  let delayMs = options.delayMs ?? 20;
  let stats: CountingVendorStats = fresh();
  const hanging = new Set<ServerResponse>();

  function fresh(): CountingVendorStats {
    return { calls: 0, refused: 0, maxConcurrent: 0, inFlight: 0, callsByKey: {} };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.pathname === '/stats') return json(res, 200, stats);
    if (url.pathname === '/reset' && req.method === 'POST') {
      stats = fresh();
      return json(res, 200, { ok: true });
    }
    if (url.pathname === '/delay' && req.method === 'POST') {
      delayMs = Number(url.searchParams.get('ms') ?? delayMs);
      return json(res, 200, { ok: true });
    }
    if (url.pathname !== '/value') return json(res, 400, { code: 400, error: true, msg: 'THE API YOU WANT TO CONSULT DOES NOT EXIST' });

    const current = stats;
    current.inFlight += 1;
    current.maxConcurrent = Math.max(current.maxConcurrent, current.inFlight);
    if (current.inFlight > limit) {
      current.inFlight -= 1;
      current.refused += 1;
      return json(res, 403, { code: 403, error: true, msg: `EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (${limit})` });
    }
    const key = url.searchParams.get('key') ?? '';
    current.calls += 1;
    current.callsByKey[key] = (current.callsByKey[key] ?? 0) + 1;
    if (url.searchParams.get('hang') === '1') {
      // Held until the client goes away (a killed process), then counted as finished.
      hanging.add(res);
      res.on('close', () => {
        hanging.delete(res);
        current.inFlight -= 1;
      });
      return;
    }
    await sleep(Number(url.searchParams.get('delay') ?? delayMs));
    current.inFlight -= 1;
    json(res, 200, { code: '200', error: false, msg: 'OK', data: { key, call: current.callsByKey[key] } });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => json(res, 500, { code: 500, error: true, msg: 'fake failed' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    stats: () => structuredClone(stats),
    setDelay: (ms) => {
      delayMs = ms;
    },
    reset: () => {
      stats = fresh();
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * Asks the counting vendor for `key` the way an adapter would: a 403 becomes the wolkvox
 * refusal, a network failure `unavailable`.
 */
export async function fetchCounted(baseUrl: string, key: string, signal?: AbortSignal, extra = ''): Promise<{ key: string; call: number }> {
  // One request, metered by the quota gate like the shared HTTP client's.
  const release = await meterRequest({ endpoint: 'value', signal });
  let res: Response;
  let body: { msg?: string; data?: { key: string; call: number } };
  try {
    res = await fetch(`${baseUrl}/value?key=${encodeURIComponent(key)}${extra}`, { signal });
    body = (await res.json()) as typeof body;
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new VendorError({
      kind: 'unavailable',
      reason: 'network',
      source: 'fake',
      vendor: 'wolkvox',
      userMessage: defaultUserMessage('wolkvox', 'network'),
      detail: 'fake vendor unreachable',
      cause,
    });
  } finally {
    release();
  }
  if (res.status === 403) {
    const reason = body.msg?.includes('SIMULTANEOUS') ? 'too-many-concurrent' : 'quota-spent';
    throw new VendorError({
      kind: 'refused',
      reason,
      source: 'fake',
      vendor: 'wolkvox',
      status: 403,
      userMessage: defaultUserMessage('wolkvox', reason),
      detail: body.msg ?? '403',
    });
  }
  if (!res.ok || !body.data)
    throw new VendorError({
      kind: 'unavailable',
      reason: 'server-error',
      source: 'fake',
      vendor: 'wolkvox',
      status: res.status,
      userMessage: defaultUserMessage('wolkvox', 'server-error'),
      detail: `status ${res.status}`,
    });
  return body.data;
}
