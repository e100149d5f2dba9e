import type { App, types } from '@slack/bolt';
import type { webApi } from '@slack/bolt';
import type { Logger } from '../../log/logger.js';
import { formatDuration } from '../../reply/format.js';
import type { FloorBoard, FloorMessage, TileStatus } from '../../domain/floor.js';
import { cutChars, slackData } from './mrkdwn.js';

/** Slack's limit on the blocks of a view. */
export const MAX_HOME_BLOCKS = 100;
/** One refresh per user at most this often (and only on a change). */
export const HOME_REFRESH_MS = 30_000;
/** views.publish is Tier 4 (100+ a minute): the bot keeps under this many a minute, for everyone. */
const PUBLISHES_PER_MINUTE = 90;
/** A Home tab opened longer ago than this is not refreshed any more (until it is opened again). */
const VIEWER_TTL_MS = 3_600_000;

const WORD: Record<TileStatus, string> = {
  ok: ':large_green_circle: OK',
  info: ':large_blue_circle: Note',
  warning: ':warning: Warning',
  critical: ':red_circle: Critical',
};

export interface HomeTabOptions {
  /** Where the leader's boards arrive (every replica hears every board). */
  floor: { latest(sources: readonly string[]): Promise<FloorBoard[]>; listen(listener: (message: FloorMessage) => void): () => void };
  /** The sources the watcher polls. */
  sources: readonly string[];
  /** A desk link to the wallboard for the button; undefined when links cannot be made (no PUBLIC_URL). */
  link?: () => Promise<string | undefined>;
  /** Least time between two publishes for one user (default 30 s; tests shorten it). */
  refreshMs?: number;
}

/**
 * The App Home tab: the live floor as blocks (`views.publish`, at most 100), published when a
 * user opens the tab and again when a new board arrives, at most once per `refreshMs` per user
 * (a change meanwhile is published when that time is up) and under Slack's Tier 4 budget, with a
 * button to the wallboard. It reads the boards the watcher published: no vendor request.
 *
 * @example
 *   registerHomeTab(app, client, { floor: bus, sources: ['bogota'], link: () => links.link(['bogota'], 'desk') }, log);
 */
export function registerHomeTab(app: App, client: webApi.WebClient, options: HomeTabOptions, logger: Logger): () => void {
  const refreshMs = options.refreshMs ?? HOME_REFRESH_MS;
  const viewers = new Map<string, { seen: number; published?: number; timer?: NodeJS.Timeout }>();
  const recent: number[] = [];

  async function publish(user: string): Promise<void> {
    const viewer = viewers.get(user);
    if (!viewer) return;
    const now = Date.now();
    while (recent.length && recent[0]! < now - 60_000) recent.shift();
    if (recent.length >= PUBLISHES_PER_MINUTE) return later(user, recent[0]! + 60_000 - now);
    recent.push(now);
    viewer.published = now;
    const [boards, link] = await Promise.all([options.floor.latest(options.sources), options.link?.().catch(() => undefined)]);
    await client.views
      .publish({ user_id: user, view: { type: 'home', blocks: homeBlocks(boards, link, new Date(now)) } })
      .catch((error: unknown) => logger.warn({ err: (error as Error).message }, 'Slack Home tab: views.publish failed; the next change tries again'));
  }

  function later(user: string, waitMs: number): void {
    const viewer = viewers.get(user);
    if (!viewer || viewer.timer) return;
    viewer.timer = setTimeout(() => {
      viewer.timer = undefined;
      void publish(user);
    }, waitMs);
    viewer.timer.unref();
  }

  /** Now, or when the user's last publish is `refreshMs` old. */
  function refresh(user: string): void {
    const viewer = viewers.get(user);
    if (!viewer) return;
    const wait = viewer.published === undefined ? 0 : viewer.published + refreshMs - Date.now();
    if (wait <= 0 && !viewer.timer) void publish(user);
    else later(user, Math.max(0, wait));
  }

  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    const viewer = viewers.get(event.user) ?? { seen: 0 };
    viewer.seen = Date.now();
    viewers.set(event.user, viewer);
    refresh(event.user);
  });

  return options.floor.listen((message) => {
    if (message.type !== 'board') return;
    const now = Date.now();
    for (const [user, viewer] of viewers) {
      if (viewer.seen < now - VIEWER_TTL_MS) {
        clearTimeout(viewer.timer);
        viewers.delete(user);
      } else refresh(user);
    }
  });
}

/** The Home tab's blocks for these boards: a header, the wallboard button, alerts, then one section per queue, cut to Slack's 100. */
export function homeBlocks(boards: readonly FloorBoard[], link: string | undefined, now: Date): types.KnownBlock[] {
  const head: types.KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: 'Live floor', emoji: true } }];
  if (link)
    head.push({
      type: 'actions',
      elements: [{ type: 'button', action_id: 'chatops:open:0', text: { type: 'plain_text', text: 'Open wallboard' }, url: link, style: 'primary' }],
    });
  if (boards.length === 0) head.push({ type: 'section', text: { type: 'mrkdwn', text: 'No figures yet: the watcher publishes them after its next poll.' } });
  const body: types.KnownBlock[] = [];
  for (const board of boards) {
    const age = board.dataAsOf ? `data ${formatDuration(Math.max(0, (now.getTime() - Date.parse(board.dataAsOf)) / 1000))} old` : 'no fresh data';
    body.push({ type: 'divider' }, { type: 'section', text: { type: 'mrkdwn', text: `*${slackData(board.label)}* · ${age}` } });
    for (const alert of board.alerts)
      body.push({
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: cutChars(`${alert.kind === 'warning' ? ':hourglass: Early warning' : WORD[alert.severity]} · ${slackData(alert.text)}`, 3000),
          },
        ],
      });
    if (board.agents) {
      const a = board.agents;
      body.push({
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `Agents: ${a.available} available · ${a.busy} busy · ${a.away} away · ${a.offline} offline` }],
      });
    }
    for (const tile of board.tiles) {
      const f = tile.figures;
      const target = tile.targets.find((t) => t.metric === 'queue.waiting');
      const fields = [
        `*${cutChars(slackData(tile.name), 200)}*\n${WORD[tile.status]}`,
        `*Waiting* ${f.waiting ?? '—'}${target ? ` (target ${target.direction === 'above' ? '≤' : '≥'} ${target.threshold})` : ''}\n*Longest* ${f.longestWaitSeconds === undefined ? '—' : formatDuration(f.longestWaitSeconds)} · *Available* ${f.agentsAvailable ?? '—'}`,
      ];
      body.push({ type: 'section', fields: fields.map((text) => ({ type: 'mrkdwn' as const, text })) });
    }
  }
  const room = MAX_HOME_BLOCKS - head.length;
  if (body.length <= room) return [...head, ...body];
  const kept = body.slice(0, room - 1);
  return [
    ...head,
    ...kept,
    { type: 'context', elements: [{ type: 'mrkdwn', text: `… and ${body.length - kept.length} more blocks: open the wallboard for every queue.` }] },
  ];
}
