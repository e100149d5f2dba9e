import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/logger.js';
import { policyPages } from '../../src/http/policy-pages.js';
import { startHttpServer, type RunningServer } from '../../src/http/server.js';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close(1_000);
  server = undefined;
});

describe('HTTP methods', () => {
  it('answers HEAD like GET without the body, and says which methods a path takes on 405', async () => {
    server = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      routes: { ...policyPages(), 'POST /slack/events': (_req, res) => void res.end('ok') },
      logger: silentLogger(),
    });
    const base = `http://127.0.0.1:${server.port}`;

    const get = await fetch(`${base}/privacy`);
    const head = await fetch(`${base}/privacy`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'));
    expect(await head.text()).toBe('');
    expect((await get.text()).length).toBeGreaterThan(100);

    const wrong = await fetch(`${base}/privacy`, { method: 'POST', body: 'x' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, HEAD');
    const events = await fetch(`${base}/slack/events`);
    expect(events.status).toBe(405);
    expect(events.headers.get('allow')).toBe('POST');
    expect((await fetch(`${base}/nowhere`)).status).toBe(404);
  });
});
