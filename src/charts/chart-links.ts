import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RedisClient } from '../redis/client.js';
import { LRUCache } from 'lru-cache';
import type { Logger } from '../log/logger.js';
import { chartKey, type ReplyChart } from '../reply/chart.js';
import { renderChartPng } from './render-chart.js';
import type { ChartTheme } from './chart-theme.js';

/** The route that serves chart images: `GET /charts?id=…&exp=…&sig=…`. */
export const CHART_ROUTE = '/charts';
/** How long a chart link works: long enough for people scrolling back through a week of alerts. */
export const CHART_LINK_TTL_MS = 7 * 86_400_000;
/** How far ahead of a link's lifetime its expiry may be, for replicas whose clocks differ. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;
/** Charts kept in this process (the newest), on top of Redis when there is one. */
const LOCAL_CHARTS = 500;

export interface ChartLinksOptions {
  /** PUBLIC_URL: the bot's public HTTPS base that Teams fetches images from. */
  publicUrl: string;
  /** Signs links. Replicas must share it (derived from MICROSOFT_APP_PASSWORD); random when absent. */
  secret?: string;
  /** Shared chart store, so any replica serves a link another replica made. */
  redis?: RedisClient;
  prefix?: string;
  ttlMs?: number;
  now?: () => number;
  logger?: Logger;
  /** Draws the PNG (default: ECharts + resvg). */
  render?: (chart: ReplyChart, options?: { theme?: ChartTheme }) => Promise<Buffer>;
}

export interface ChartLinks {
  /**
   * A signed URL that serves this chart as a PNG until it expires, once every replica can serve
   * it; with `theme: 'dark'`, the picture for a dark background (its own signature: a light
   * link cannot be turned into a dark one, nor the other way).
   */
  link(chart: ReplyChart, options?: { theme?: ChartTheme }): Promise<string>;
  /** Serves `GET /charts`: the PNG for a valid signature, 403 for a tampered or expired one, or one dated past the links' lifetime. */
  handler(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

/**
 * Charts for platforms that show images from a URL (Teams): `link` keeps the chart (in this
 * process and, with Redis, for every replica) under its content key (the same figures share one
 * entry however many ask) and returns `PUBLIC_URL/charts?id&exp&sig`, an HMAC-SHA256 over id and
 * expiry. The route draws the PNG on request (drawn once per content, see render-chart) and
 * refuses a link whose signature does not match or whose time is up: nobody can enumerate
 * charts or keep one readable forever.
 *
 * @example
 *   const links = createChartLinks({ publicUrl: settings.publicUrl, secret, redis });
 *   routes['GET /charts'] = links.handler;
 *   card.body.push({ type: 'Image', url: links.link(reply.chart) });
 */
export function createChartLinks(options: ChartLinksOptions): ChartLinks {
  const secret = options.secret ?? randomBytes(32).toString('hex');
  const ttlMs = options.ttlMs ?? CHART_LINK_TTL_MS;
  const now = options.now ?? Date.now;
  const render = options.render ?? renderChartPng;
  const base = options.publicUrl.replace(/\/+$/, '');
  const key = (id: string) => `${options.prefix ?? 'chatops'}:chart:${id}`;
  const charts = new LRUCache<string, ReplyChart>({ max: LOCAL_CHARTS });
  // Light links are signed as they always were (links already posted keep working); dark ones name their theme.
  const sign = (id: string, exp: number, theme: ChartTheme = 'light') =>
    createHmac('sha256', secret)
      .update(theme === 'dark' ? `${id}.${exp}.dark` : `${id}.${exp}`)
      .digest('base64url');

  async function chartOf(id: string): Promise<ReplyChart | undefined> {
    const local = charts.get(id);
    if (local || !options.redis) return local;
    // Redis unreachable: this replica does not have it (a 404 that says to ask again, not a 500).
    const stored = await options.redis.get(key(id)).catch(() => null);
    return stored ? (JSON.parse(stored) as ReplyChart) : undefined;
  }

  return {
    async link(chart, linkOptions = {}) {
      const theme = linkOptions.theme ?? 'light';
      const id = chartKey(chart);
      const exp = Math.ceil((now() + ttlMs) / 1000);
      charts.set(id, chart);
      // Stored for every replica before the card leaves, whichever replica Teams then asks for the
      // picture. Without Redis (an outage) only this replica can serve it.
      await options.redis
        ?.set(key(id), JSON.stringify(chart), 'PX', ttlMs)
        .catch((error: unknown) =>
          options.logger?.warn({ err: (error as Error).message }, 'charts: could not share a chart with the other replicas; only this one can serve it'),
        );
      return `${base}${CHART_ROUTE}?id=${id}&exp=${exp}${theme === 'dark' ? '&theme=dark' : ''}&sig=${sign(id, exp, theme)}`;
    },
    async handler(req, res) {
      const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
      const id = params.get('id') ?? '';
      const exp = Number(params.get('exp'));
      const sig = params.get('sig') ?? '';
      const theme: ChartTheme = params.get('theme') === 'dark' ? 'dark' : 'light';
      // Content keys; random UUIDs are what links made before this version carry (still kept in Redis).
      if (!/^([\w-]{43}|[0-9a-f-]{36})$/.test(id) || !Number.isInteger(exp) || !sig) return answer(res, 400, 'A chart link needs id, exp and sig.\n');
      const expected = Buffer.from(sign(id, exp, theme));
      const given = Buffer.from(sig);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return answer(res, 403, 'This chart link is not valid.\n');
      const left = exp * 1000 - now();
      if (left <= 0) return answer(res, 403, 'This chart link has expired; ask again for a fresh chart.\n');
      // No link this process makes lives longer than the TTL: one dated further out was not made
      // here (a leaked or guessed secret), and must not be readable for years.
      if (left > ttlMs + MAX_CLOCK_SKEW_MS) return answer(res, 403, 'This chart link is not valid.\n');
      const chart = await chartOf(id);
      if (!chart) return answer(res, 404, 'This chart is no longer kept; ask again for a fresh chart.\n');
      const body = await render(chart, { theme });
      res
        .writeHead(200, { 'content-type': 'image/png', 'content-length': body.length, 'cache-control': `private, max-age=${Math.floor(left / 1000)}` })
        .end(body);
    },
  };
}

/** The link secret for replicas that share a Teams app: derived, never the password itself. */
export function chartSecretFrom(appPassword: string | undefined): string | undefined {
  return appPassword ? createHmac('sha256', appPassword).update('chatops chart links').digest('hex') : undefined;
}

function answer(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(text);
}
