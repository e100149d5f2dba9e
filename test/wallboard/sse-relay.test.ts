import { afterAll, describe, expect, it } from 'vitest';
import { startHttpServer, type RunningServer } from '../../src/http/server.js';
import type { FloorBoard } from '../../src/domain/floor.js';
import { createRedisFloorBus, type FloorBus } from '../../src/wallboard/floor-bus.js';
import { createWallboardLinks } from '../../src/wallboard/wallboard-links.js';
import { wallboardRoutes } from '../../src/wallboard/wallboard-routes.js';
import { collectingLogger, connectRedis, deleteKeys, uniquePrefix } from '../watcher/kit.js';

// Two "replicas" in one process, each with its own Redis bus and HTTP server: a board published
// on one reaches a page streaming from the other, and the stream outlives the server's own
// request and idle timeouts (heartbeats), until a revocation ends it.

const redis = connectRedis();
const prefix = uniquePrefix('wb-relay');
const { logger } = collectingLogger();
const cleanup: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
  await deleteKeys(prefix);
  redis.disconnect();
});

function board(waiting: number): FloorBoard {
  return {
    source: 'emea',
    label: 'EMEA',
    vendor: 'demo',
    timeZone: 'Europe/Madrid',
    polledAt: new Date().toISOString(),
    publishedAt: Date.now(),
    ok: true,
    tiles: [{ name: 'Sales', figures: { waiting }, targets: [], status: 'ok', trend: [] }],
    alerts: [],
  };
}

async function replica(): Promise<{ server: RunningServer; bus: FloorBus; links: ReturnType<typeof createWallboardLinks> }> {
  const bus = createRedisFloorBus({ redis, prefix, logger });
  const links = createWallboardLinks({ publicUrl: 'http://localhost', secret: 'relay-secret', redis, prefix });
  const { routes, hub } = wallboardRoutes({ links, bus, logger, heartbeatMs: 100 });
  const server = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    routes,
    logger,
    timeouts: { headersMs: 300, requestMs: 300, idleMs: 800, checkEveryMs: 100 },
  });
  cleanup.push(
    () => server.close(100),
    () => hub.close(),
    () => bus.close(),
  );
  return { server, bus, links };
}

/** Reads server-sent events as they come: `next(test)` resolves with the first frame passing `test`. */
function frames(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  let ended = false;
  return {
    get ended() {
      return ended;
    },
    async next(test: (frame: string) => boolean): Promise<string> {
      for (;;) {
        const cut = buffered.indexOf('\n\n');
        if (cut >= 0) {
          const frame = buffered.slice(0, cut);
          buffered = buffered.slice(cut + 2);
          if (test(frame)) return frame;
          continue;
        }
        const { value, done } = await reader.read();
        if (done) {
          ended = true;
          return '';
        }
        buffered += decoder.decode(value, { stream: true });
      }
    },
  };
}

describe('wallboard events across replicas', () => {
  it('relays a board published on one replica to a page on another, keeps the stream past the server timeouts, and ends it on revoke', async () => {
    const a = await replica();
    const b = await replica();
    const { url } = await a.links.link(['emea'], 'desk');
    const query = new URL(url).search;
    const res = await fetch(`http://127.0.0.1:${b.server.port}/wallboard/events${query}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const stream = frames(res.body!);
    await stream.next((f) => f.startsWith('retry:'));

    // The subscriber may still be connecting: publish until the page hears one.
    let published = 0;
    const publishing = setInterval(() => void a.bus.publish(board(++published)), 50);
    const first = await stream.next((f) => f.startsWith('event: board'));
    clearInterval(publishing);
    expect(JSON.parse(first.split('data: ')[1]!)).toMatchObject({ source: 'emea', tiles: [{ name: 'Sales' }] });

    // 12 heartbeats at 100 ms: well past the 300 ms request timeout and the 800 ms idle timeout.
    for (let beats = 0; beats < 12; beats++) expect(await stream.next((f) => f.startsWith(': ') || f.startsWith('event: board'))).not.toBe('');
    await a.bus.publish(board(42));
    const later = await stream.next((f) => f.includes('"waiting":42'));
    expect(later).toContain('event: board');

    // The page's first paint reads the last board published, on either replica: no vendor.
    const state = (await fetch(`http://127.0.0.1:${b.server.port}/wallboard/state${query}`).then((r) => r.json())) as { boards: FloorBoard[] };
    expect(state.boards[0]?.tiles[0]?.figures.waiting).toBe(42);

    await a.bus.announceRevocation(await a.links.revoke());
    expect(await stream.next((f) => f.startsWith('event: revoked'))).toContain('revoked');
    await stream.next(() => false);
    expect(stream.ended).toBe(true);
    expect((await fetch(`http://127.0.0.1:${b.server.port}/wallboard/events${query}`)).status).toBe(403);
  });
});
