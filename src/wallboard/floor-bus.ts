import { EventEmitter } from 'node:events';
import type { Logger } from '../log/logger.js';
import type { RedisClient } from '../redis/client.js';
import type { FloorBoard, FloorMessage } from '../domain/floor.js';

/** How long the last board of a source is kept for pages that open later (a day: a night with no poll). */
const LATEST_TTL_MS = 86_400_000;

/**
 * The leader's boards on their way to every replica: `publish` sends one (Redis pub/sub with
 * Redis, an event emitter without) and keeps it as the source's latest, which pages opening later
 * and the slow fallback fetch read. A viewer never reaches a vendor: it reads what was published.
 *
 * @example
 *   const bus = createRedisFloorBus({ redis, prefix, logger });
 *   bus.listen((message) => hub.relay(message));
 *   await bus.publish(board); // on the leader, after each poll
 */
export interface FloorBus {
  publish(board: FloorBoard): Promise<void>;
  /** Tells every replica that links of generations before `generation` are revoked. */
  announceRevocation(generation: number): Promise<void>;
  /** The last board published for each of these sources (those known), from this replica's copy or Redis. */
  latest(sources: readonly string[]): Promise<FloorBoard[]>;
  /** Every message, from any replica (this one included); returns a function that stops listening. */
  listen(listener: (message: FloorMessage) => void): () => void;
  close(): Promise<void>;
}

/** One process: an event emitter and a map. */
export function createMemoryFloorBus(): FloorBus {
  const events = new EventEmitter().setMaxListeners(0);
  const boards = new Map<string, FloorBoard>();
  return {
    async publish(board) {
      boards.set(board.source, board);
      events.emit('message', { type: 'board', board } satisfies FloorMessage);
    },
    async announceRevocation(generation) {
      events.emit('message', { type: 'revoked', generation } satisfies FloorMessage);
    },
    async latest(sources) {
      return sources.map((s) => boards.get(s)).filter((b): b is FloorBoard => b !== undefined);
    },
    listen(listener) {
      events.on('message', listener);
      return () => events.off('message', listener);
    },
    async close() {
      events.removeAllListeners();
    },
  };
}

export interface RedisFloorBusOptions {
  redis: RedisClient;
  /** Start of the channel and keys (the deployment's prefix). */
  prefix: string;
  logger: Logger;
}

/**
 * Replicas sharing Redis: one channel (`<prefix>:wallboard`) carries every board and revocation;
 * each source's latest board is also kept under its own key for pages opened between polls. The
 * subscriber is a `duplicate()` of the process's client (the Redis factory's mode and options).
 */
export function createRedisFloorBus(options: RedisFloorBusOptions): FloorBus {
  const { redis, prefix, logger } = options;
  const channel = `${prefix}:wallboard`;
  const latestKey = (source: string) => `${prefix}:wallboard:latest:{${source}}`;
  const events = new EventEmitter().setMaxListeners(0);
  const boards = new Map<string, FloorBoard>();
  const subscriber = redis.duplicate();
  subscriber.on('error', () => undefined); // reconnects by itself; the page falls back to its slow fetch meanwhile
  subscriber.on('message', (from: string, text: string) => {
    if (from !== channel) return;
    let message: FloorMessage;
    try {
      message = JSON.parse(text) as FloorMessage;
    } catch {
      return;
    }
    if (message.type === 'board') boards.set(message.board.source, message.board);
    events.emit('message', message);
  });
  // A fail-fast client refuses commands until connected: subscribe once it is, and again after
  // every reconnection (a failover may bring a server that knows no subscription).
  const subscribe = () =>
    subscriber.subscribe(channel).then(
      () => undefined,
      (error: unknown) =>
        logger.warn(
          { err: (error as Error).message },
          'wallboard: could not subscribe to the boards of the other replicas; pages here refresh by their slow fetch',
        ),
    );
  subscriber.on('ready', () => void subscribe());
  if (subscriber.status === 'ready') void subscribe();
  const send = (message: FloorMessage) => redis.publish(channel, JSON.stringify(message));

  return {
    async publish(board) {
      const text = JSON.stringify({ type: 'board', board } satisfies FloorMessage);
      boards.set(board.source, board);
      await Promise.all([redis.set(latestKey(board.source), JSON.stringify(board), 'PX', LATEST_TTL_MS), redis.publish(channel, text)]);
    },
    async announceRevocation(generation) {
      await send({ type: 'revoked', generation });
    },
    async latest(sources) {
      const out: FloorBoard[] = [];
      for (const source of sources) {
        const local = boards.get(source);
        if (local) {
          out.push(local);
          continue;
        }
        const stored = await redis.get(latestKey(source)).catch(() => null);
        if (!stored) continue;
        const board = JSON.parse(stored) as FloorBoard;
        boards.set(source, board);
        out.push(board);
      }
      return out;
    },
    listen(listener) {
      events.on('message', listener);
      return () => events.off('message', listener);
    },
    async close() {
      events.removeAllListeners();
      subscriber.disconnect();
    },
  };
}
