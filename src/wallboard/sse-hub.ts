import type { ServerResponse } from 'node:http';
import type { FloorBoard, FloorMessage } from '../domain/floor.js';
import type { FloorBus } from './floor-bus.js';

/** A comment line this often keeps proxies and the server's idle timeout from closing a quiet stream. */
export const DEFAULT_HEARTBEAT_MS = 15_000;
/** A page this far behind (a frozen tab on a slow link) is closed; it reconnects and starts fresh. */
const MAX_BUFFERED_BYTES = 512 * 1024;

interface OpenPage {
  res: ServerResponse;
  sources: ReadonlySet<string>;
  generation: number;
}

export interface SseHubOptions {
  bus: FloorBus;
  /** The links' generation now: pages of an older one are closed at the next heartbeat (a missed revocation). */
  generation: () => Promise<number>;
  heartbeatMs?: number;
}

/**
 * This replica's open wallboard pages and the boards it relays to them as server-sent events
 * (`event: board`, one JSON board). Each board is serialised once whatever the number of pages;
 * a revocation closes the pages of older links (`event: revoked`, then the end of the stream).
 *
 * @example
 *   const hub = createSseHub({ bus, generation: links.generation });
 *   await hub.open(res, grant.sources, grant.generation);
 */
export interface SseHub {
  open(res: ServerResponse, sources: readonly string[], generation: number): Promise<void>;
  /** Pages open on this replica now. */
  size(): number;
  /** Ends every stream (shutdown): pages reconnect to another replica. */
  close(): void;
}

export function createSseHub(options: SseHubOptions): SseHub {
  const pages = new Set<OpenPage>();
  const end = (page: OpenPage, last?: string) => {
    pages.delete(page);
    if (last && !page.res.writableEnded) page.res.write(last);
    page.res.end();
  };
  const send = (page: OpenPage, frame: string) => {
    if (page.res.writableLength > MAX_BUFFERED_BYTES) return end(page);
    page.res.write(frame);
  };

  const stop = options.bus.listen((message: FloorMessage) => {
    if (message.type === 'revoked') {
      const frame = 'event: revoked\ndata: {}\n\n';
      for (const page of [...pages]) if (page.generation < message.generation) end(page, frame);
      return;
    }
    const frame = boardFrame(message.board);
    for (const page of pages) if (page.sources.has(message.board.source)) send(page, frame);
  });

  const heartbeat = setInterval(async () => {
    for (const page of pages) send(page, ': still here\n\n');
    const current = await options.generation().catch(() => undefined);
    if (current === undefined) return;
    for (const page of [...pages]) if (page.generation !== current) end(page, 'event: revoked\ndata: {}\n\n');
  }, options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
  heartbeat.unref();

  return {
    async open(res, sources, generation) {
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' });
      // The page reconnects by itself after a dropped stream: every 5 s.
      res.write('retry: 5000\n\n');
      const page: OpenPage = { res, sources: new Set(sources), generation };
      pages.add(page);
      res.on('close', () => pages.delete(page));
      for (const board of await options.bus.latest(sources)) if (pages.has(page)) send(page, boardFrame(board));
    },
    size: () => pages.size,
    close() {
      clearInterval(heartbeat);
      stop();
      for (const page of [...pages]) end(page);
    },
  };
}

function boardFrame(board: FloorBoard): string {
  return `event: board\ndata: ${JSON.stringify(board)}\n\n`;
}
