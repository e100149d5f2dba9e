import { generateKeyPairSync, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tabTokenVerifier, TEAMS_TAB_LINK_ROUTE, teamsTabLink } from '../../src/platforms/teams/index.js';
import { startHttpServer, type RunningServer } from '../../src/http/server.js';
import { createMemoryFloorBus } from '../../src/wallboard/floor-bus.js';
import { createWallboardLinks } from '../../src/wallboard/wallboard-links.js';
import { wallboardRoutes } from '../../src/wallboard/wallboard-routes.js';
import { collectingLogger } from '../watcher/kit.js';

// The Teams personal tab: a page that, inside Teams, trades the user's SSO token for a wallboard
// link. Microsoft's signing keys are served by a fake here; tokens are signed with its key.

const APP_ID = '1b2c3d4e-0000-4111-8222-333344445555';
const TENANT = '72f988bf-0000-4000-8000-000000000001';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const { logger } = collectingLogger();
let keys: Server;
let bot: RunningServer;
let base: string;

function token(claims: Record<string, unknown>, kid = 'key-1'): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const body = `${part({ alg: 'RS256', typ: 'JWT', kid })}.${part({
    aud: `api://bot.contoso.example/${APP_ID}`,
    iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
    tid: TENANT,
    oid: 'user-object-id',
    nbf: now - 60,
    exp: now + 3600,
    ...claims,
  })}`;
  return `${body}.${sign('RSA-SHA256', Buffer.from(body), privateKey).toString('base64url')}`;
}

beforeAll(async () => {
  keys = createServer((_req, res) => {
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'key-1', use: 'sig' }] }));
  });
  await new Promise<void>((resolve) => keys.listen(0, '127.0.0.1', resolve));
  const links = createWallboardLinks({ publicUrl: 'https://bot.contoso.example', secret: 'tab-secret' });
  const { routes } = wallboardRoutes({ links, bus: createMemoryFloorBus(), logger });
  routes[`POST ${TEAMS_TAB_LINK_ROUTE}`] = teamsTabLink({
    verify: tabTokenVerifier({ appId: APP_ID, tenantIds: [TENANT], keysUrl: `http://127.0.0.1:${(keys.address() as AddressInfo).port}/keys` }),
    link: async () => (await links.link(['emea'], 'desk')).url,
    logger,
  });
  bot = await startHttpServer({ port: 0, host: '127.0.0.1', routes, logger });
  base = `http://127.0.0.1:${bot.port}`;
});

afterAll(async () => {
  await bot?.close(100);
  keys?.close();
});

const ask = (bearer?: string) => fetch(`${base}${TEAMS_TAB_LINK_ROUTE}`, { method: 'POST', headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });

describe('the wallboard’s Teams tab', () => {
  it('serves the tab page with TeamsJS from the bot itself, framed by Teams only', async () => {
    const res = await fetch(`${base}/wallboard/teams`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const teamsJs = /data-teams-js="([^"]+)"/.exec(html)?.[1];
    expect(teamsJs).toMatch(/^\/wallboard\/teams\.js\?v=/);
    expect(html).toMatch(/<script src="\/wallboard\/tab\.js\?v=[\w-]+" data-teams-js=/);
    expect(html).not.toMatch(/https?:\/\//);
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'self' https://teams.microsoft.com");
    const script = await fetch(`${base}${teamsJs}`);
    expect(script.status).toBe(200);
    expect(await script.text()).toContain('microsoftTeams');
  });

  it('answers a wallboard link for a signed-in user of a tenant served', async () => {
    const res = await ask(token({}));
    expect(res.status).toBe(200);
    const { url } = (await res.json()) as { url: string };
    expect(url).toMatch(/^https:\/\/bot\.contoso\.example\/wallboard\?s=emea&k=desk&/);
  });

  it('refuses no token, another app’s, another tenant’s, an expired one, another key’s and a tampered one', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const good = token({});
    const [head, , signature] = good.split('.');
    const tampered = `${head}.${Buffer.from(JSON.stringify({ tid: TENANT, oid: 'someone-else', aud: APP_ID, exp: 9e9, iss: `https://sts.windows.net/${TENANT}/` })).toString('base64url')}.${signature}`;
    const signedElsewhere = (() => {
      const [h, b] = good.split('.');
      return `${h}.${b}.${sign('RSA-SHA256', Buffer.from(`${h}.${b}`), other).toString('base64url')}`;
    })();
    for (const bearer of [
      undefined,
      token({ aud: 'api://bot.contoso.example/another-app' }),
      token({ tid: 'another-tenant', iss: 'https://login.microsoftonline.com/another-tenant/v2.0' }),
      token({ exp: Math.floor(Date.now() / 1000) - 3600 }),
      token({}, 'unknown-key'),
      signedElsewhere,
      tampered,
    ])
      expect((await ask(bearer)).status, String(bearer).slice(0, 40)).toBe(401);
  });
});
