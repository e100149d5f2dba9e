import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { RouteHandler } from '../http/server.js';
import type { Logger } from '../log/logger.js';
import type { FloorBus } from './floor-bus.js';
import { createSseHub, type SseHub } from './sse-hub.js';
import { WALLBOARD_ROUTE, type LinkCheck, type WallboardLinks } from './wallboard-links.js';

/** Where Teams shows a tab from: the only pages allowed to frame the wallboard besides itself. */
export const TEAMS_FRAME_ANCESTORS = [
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.teams.microsoft.us',
  'https://*.cloud.microsoft',
  'https://*.office.com',
];

/** Strict headers on every wallboard answer: no inline script or style, no referrer, framed by Teams only. */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors 'self' ${TEAMS_FRAME_ANCESTORS.join(' ')}`,
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  'cross-origin-resource-policy': 'same-origin',
};

interface Asset {
  body: Buffer;
  type: string;
  hash: string;
}

function asset(body: Buffer, type: string): Asset {
  return { body, type, hash: createHash('sha256').update(body).digest('base64url').slice(0, 16) };
}

const PAGE_DIR = new URL('./page/', import.meta.url);

/** The page's own files (read once), and TeamsJS from its package: nothing from a CDN. */
function loadAssets(): Record<string, Asset> {
  const own = (name: string, type: string) => asset(readFileSync(new URL(name, PAGE_DIR)), type);
  const out: Record<string, Asset> = {
    'app.js': own('wallboard.js', 'text/javascript; charset=utf-8'),
    'app.css': own('wallboard.css', 'text/css; charset=utf-8'),
    'tab.js': own('tab.js', 'text/javascript; charset=utf-8'),
  };
  try {
    const require = createRequire(import.meta.url);
    out['teams.js'] = asset(readFileSync(require.resolve('@microsoft/teams-js/dist/umd/MicrosoftTeams.min.js')), 'text/javascript; charset=utf-8');
  } catch {
    // Without the package the page still works; only Teams' own initialisation is skipped.
  }
  return out;
}

export interface WallboardRoutesOptions {
  links: WallboardLinks;
  bus: FloorBus;
  logger: Logger;
  heartbeatMs?: number;
}

/**
 * The wallboard's HTTP surface: `GET /wallboard` (the page, for a valid link), `/wallboard/state`
 * (the latest boards as JSON: the page's first paint and its slow fallback), `/wallboard/events`
 * (server-sent events) and the page's script and style. Every data route checks the link; none
 * reaches a vendor.
 *
 * @example
 *   const wallboard = wallboardRoutes({ links, bus, logger });
 *   Object.assign(routes, wallboard.routes);
 */
export function wallboardRoutes(options: WallboardRoutesOptions): { routes: Record<string, RouteHandler>; hub: SseHub } {
  const { links, bus } = options;
  const assets = loadAssets();
  const hub = createSseHub({ bus, generation: links.generation, heartbeatMs: options.heartbeatMs });
  const html = pageHtml(assets, 'app.js');
  const tab = pageHtml(assets, 'tab.js');

  const checked = async (req: IncomingMessage, res: ServerResponse): Promise<LinkCheck> => {
    const check = await links.check(new URL(req.url ?? '/', 'http://localhost').searchParams);
    if (!check.ok)
      res.writeHead(check.status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(`${check.message}\n`);
    return check;
  };

  const routes: Record<string, RouteHandler> = {
    [`GET ${WALLBOARD_ROUTE}`]: async (req, res) => {
      if (!(await checked(req, res)).ok) return;
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
    },
    // The Teams personal tab (its contentUrl): no data of its own; inside Teams it fetches a link with the user's SSO token.
    [`GET ${WALLBOARD_ROUTE}/teams`]: (_req, res) => {
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(tab);
    },
    [`GET ${WALLBOARD_ROUTE}/state`]: async (req, res) => {
      const check = await checked(req, res);
      if (!check.ok) return;
      const boards = await bus.latest(check.grant.sources);
      res
        .writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
        .end(JSON.stringify({ boards }));
    },
    [`GET ${WALLBOARD_ROUTE}/events`]: async (req, res) => {
      const check = await checked(req, res);
      if (!check.ok) return;
      res.setHeader('x-content-type-options', 'nosniff');
      await hub.open(res, check.grant.sources, check.grant.generation);
    },
  };
  for (const [name, file] of Object.entries(assets)) {
    routes[`GET ${WALLBOARD_ROUTE}/${name}`] = (_req, res) => {
      res
        .writeHead(200, { ...SECURITY_HEADERS, 'content-type': file.type, 'content-length': file.body.length, 'cache-control': 'public, max-age=86400' })
        .end(file.body);
    };
  }
  return { routes, hub };
}

function pageHtml(assets: Record<string, Asset>, script: 'app.js' | 'tab.js'): string {
  const src = (name: string) => `${WALLBOARD_ROUTE}/${name}?v=${assets[name]!.hash}`;
  // TeamsJS is loaded by the page itself, and only inside a frame (a Teams tab): elsewhere it is not needed.
  const teams = assets['teams.js'] ? ` data-teams-js="${src('teams.js')}"` : '';
  return `<!doctype html>
<html lang="en" class="dark">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="dark light">
<title>Wallboard</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${src('app.css')}">
<script src="${src(script)}"${teams} defer></script>
</head>
<body>
<header class="top">
<h1 id="title">Wallboard</h1>
<p id="connection" class="connection" role="status" aria-live="polite">Connecting…</p>
</header>
<section id="alerts" class="alerts" aria-label="Open alerts and early warnings"></section>
<main id="boards" class="boards" aria-live="off"></main>
<noscript><p class="notice">The wallboard needs JavaScript to show live figures.</p></noscript>
</body>
</html>
`;
}
