import type { History } from '../history/index.js';
import type { Source } from '../sources/source.js';
import type { PollListener } from '../watcher/poll/poller.js';
import type { AlertRecord } from '../watcher/model/types.js';
import { buildFloorBoard } from './build-floor.js';
import type { FloorBus } from './floor-bus.js';
import type { StaffingSettings } from './floor-staffing.js';

export interface FloorPublisherOptions {
  bus: FloorBus;
  history?: History;
  /** Open alerts and early warnings (the watcher's store). */
  openAlerts: () => Promise<AlertRecord[]>;
  /** Each source's `staffing:` settings. */
  staffingOf?: (sourceId: string) => StaffingSettings | undefined;
  /** Real clock for `publishedAt` (latency is measured against it). */
  clock?: () => number;
}

/**
 * The watcher's poll listener for the live floor: after each poll the leader builds the source's
 * board (figures, rules, alerts, History's last hour) and publishes it to every replica.
 *
 * @example
 *   createWatcher({ ..., onPolled: floorPublisher({ bus, history, openAlerts: () => watcher.store.openAlerts() }) });
 */
export function floorPublisher(options: FloorPublisherOptions): PollListener {
  const clock = options.clock ?? Date.now;
  return async (source: Source, snapshot, rules) => {
    const openAlerts = await options.openAlerts().catch(() => []);
    const board = await buildFloorBoard({
      source: {
        id: source.id,
        label: source.label,
        vendor: source.vendor,
        timeZone: source.timeZone,
        cachedAgents: () => source.cachedAgents(),
        cachedToday: () => source.cachedToday(),
      },
      snapshot,
      rules,
      openAlerts,
      staffing: options.staffingOf?.(source.id),
      history: options.history,
      publishedAt: clock(),
    });
    await options.bus.publish(board);
  };
}
