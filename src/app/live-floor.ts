import type { History } from '../history/index.js';
import type { RouteHandler } from '../http/server.js';
import type { Logger } from '../log/logger.js';
import type { RedisClient } from '../redis/client.js';
import type { PollListener } from '../watcher/poll/poller.js';
import type { AlertRecord } from '../watcher/model/types.js';
import { createMemoryFloorBus, createRedisFloorBus, type FloorBus } from '../wallboard/floor-bus.js';
import { floorPublisher } from '../wallboard/floor-publisher.js';
import type { WallboardAccess } from '../domain/wallboard-access.js';
import { createWallboardLinks, publicUrlProblem, wallboardSecretFrom, type WallboardLinks } from '../wallboard/wallboard-links.js';
import { wallboardRoutes } from '../wallboard/wallboard-routes.js';
import type { SseHub } from '../wallboard/sse-hub.js';
import type { Settings } from './settings.js';

export interface LiveFloor {
  bus: FloorBus;
  links: WallboardLinks;
  hub: SseHub;
  routes: Record<string, RouteHandler>;
  /** The watcher's poll listener (the leader publishes each poll). */
  publisher(openAlerts: () => Promise<AlertRecord[]>): PollListener;
  /** `/wallboard`'s links for these watched sources. */
  access(watched: ReadonlySet<string>): WallboardAccess;
  close(): Promise<void>;
}

/**
 * The live floor of one process: the bus between replicas (Redis pub/sub, or memory), the signed
 * links, the pages' routes and their open streams, and the watcher's publisher.
 *
 * @example
 *   const floor = createLiveFloor({ settings, redis, prefix, logger, history });
 *   createWatcher({ ..., onPolled: floor.publisher(() => watcher.store.openAlerts()) });
 */
export function createLiveFloor(options: { settings: Settings; redis?: RedisClient; prefix: string; logger: Logger; history: History }): LiveFloor {
  const { settings, redis, prefix, logger, history } = options;
  const bus = redis ? createRedisFloorBus({ redis, prefix, logger }) : createMemoryFloorBus();
  const links = createWallboardLinks({
    publicUrl: settings.publicUrl ?? `http://localhost:${settings.port}`,
    secret: settings.wallboard.secret ?? wallboardSecretFrom(settings.slack?.signingSecret, settings.teams.appPassword),
    redis,
    prefix,
    tvMs: settings.wallboard.tvMs,
    deskMs: settings.wallboard.deskMs,
  });
  const http = wallboardRoutes({ links, bus, logger });
  return {
    bus,
    links,
    hub: http.hub,
    routes: http.routes,
    publisher: (openAlerts) => floorPublisher({ bus, history, openAlerts, staffingOf: (id) => settings.loaded.config.sources[id]?.staffing }),
    access: (watched) => ({
      // Without PUBLIC_URL the links name http://localhost:PORT: they open on this machine (npm start, the demo).
      problem: settings.publicUrl ? publicUrlProblem(settings.publicUrl) : undefined,
      watched,
      link: (sources, kind) => links.link(sources, kind),
      async revoke() {
        const generation = await links.revoke();
        await bus.announceRevocation(generation);
      },
    }),
    async close() {
      http.hub.close();
      await bus.close();
    },
  };
}
