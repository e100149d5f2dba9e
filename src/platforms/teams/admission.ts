import { outboundAllowList } from '../../http/outbound-urls.js';

/**
 * The Bot Connector hosts Teams names as `serviceUrl` (public cloud, GCC, GCC High, DoD). Only
 * Microsoft's own names: `*.trafficmanager.net` is left out on purpose, since anyone can create a
 * Traffic Manager profile under it.
 */
export const BOT_FRAMEWORK_SERVICE_HOSTS = [
  'smba.trafficmanager.net',
  '*.botframework.com',
  '*.teams.microsoft.com',
  '*.teams.microsoft.us',
  '*.botframework.azure.us',
] as const;

/**
 * Which `serviceUrl`s the bot may post to: the Bot Framework's hosts, and those configured
 * (TEAMS_SERVICE_URLS: the Bot Framework Emulator, a proxy, the tests' fake connector).
 *
 * @example
 *   const allowed = serviceUrlAllowList(['http://127.0.0.1:3978']);
 *   allowed('https://smba.trafficmanager.net/amer/'); // true
 *   allowed('http://169.254.169.254/');               // false
 */
export function serviceUrlAllowList(configured: readonly string[] = []): (url: string) => boolean {
  return outboundAllowList([...BOT_FRAMEWORK_SERVICE_HOSTS, ...configured]);
}

/** Signing algorithms the Bot Framework uses (the SDK's own list). */
const SIGNING_ALGORITHMS = new Set(['RS256', 'RS384', 'RS512']);

/**
 * What is wrong with a bearer token's shape, judged before any key is fetched: it must be a JWS
 * signed with an RSA algorithm and carry a numeric `exp`. The SDK's check would accept a token
 * without `exp` for ever; everything else (signature, issuer, audience, `nbf`) is the SDK's.
 *
 * @example
 *   tokenShapeProblem('Bearer eyJhbGciOiJub25lIn0.e30.'); // 'alg "none" is not an RSA signature'
 */
export function tokenShapeProblem(authHeader: string): string | undefined {
  const token = /^Bearer (\S+)$/i.exec(authHeader)?.[1];
  if (!token) return 'no bearer token';
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[\w-]*$/.test(p)) || !parts[2]) return 'not a signed JWT';
  const header = decodePart(parts[0]!);
  const payload = decodePart(parts[1]!);
  if (!header || !payload) return 'not a signed JWT';
  const alg = typeof header.alg === 'string' ? header.alg : '';
  if (!SIGNING_ALGORITHMS.has(alg)) return `alg ${JSON.stringify(alg.slice(0, 20))} is not an RSA signature`;
  if (typeof payload.exp !== 'number' || !Number.isFinite(payload.exp)) return 'the token has no exp';
  return undefined;
}

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Which tenants are served: TEAMS_TENANT_IDS when set, else the bot's own tenant
 * (MICROSOFT_APP_TENANT_ID) when it has one; a multi-tenant bot with neither serves any tenant.
 *
 * @example
 *   tenantAllowed(['72f988bf-…'])('72F988BF-…'); // true (ids compare without case)
 */
export function tenantAllowed(tenants: readonly string[]): (tenantId: string | undefined) => boolean {
  const set = new Set(tenants.map((t) => t.trim().toLowerCase()).filter(Boolean));
  return (tenantId) => set.size === 0 || (tenantId !== undefined && set.has(tenantId.toLowerCase()));
}
