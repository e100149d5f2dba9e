import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';

/** Microsoft identity platform's signing keys (Teams SSO tokens are signed with them). */
export const MICROSOFT_KEYS_URL = 'https://login.microsoftonline.com/common/discovery/v2.0/keys';
const KEYS_TTL_MS = 3_600_000;
const CLOCK_SKEW_S = 300;

export interface TabTokenOptions {
  /** MICROSOFT_APP_ID: the token's audience (`<id>` or `api://<host>/<id>`). */
  appId: string;
  /** Tenants served (TEAMS_TENANT_IDS or MICROSOFT_APP_TENANT_ID); empty: any. */
  tenantIds: readonly string[];
  keysUrl?: string;
  now?: () => number;
}

/** Who a valid Teams SSO token names. */
export interface TabUser {
  tenantId: string;
  /** The user's Entra object id. */
  userId: string;
}

/**
 * Checks a Teams tab's SSO token (TeamsJS `authentication.getAuthToken()`): an RS256 JWT signed by
 * one of Microsoft's published keys, for this app (audience), from a tenant served, issued by that
 * tenant, in its lifetime. Undefined for anything else. Node's crypto only: no JWT library.
 *
 * @example
 *   const check = tabTokenVerifier({ appId, tenantIds: ['72f9…'] });
 *   const user = await check(bearerToken); // { tenantId, userId } or undefined
 */
export function tabTokenVerifier(options: TabTokenOptions): (token: string) => Promise<TabUser | undefined> {
  const now = options.now ?? Date.now;
  const keysUrl = options.keysUrl ?? MICROSOFT_KEYS_URL;
  let keys: { at: number; byKid: Map<string, JsonWebKey> } | undefined;

  async function keyOf(kid: string): Promise<JsonWebKey | undefined> {
    if (!keys || now() - keys.at > KEYS_TTL_MS || !keys.byKid.has(kid)) {
      const res = await fetch(keysUrl, { signal: AbortSignal.timeout(10_000) });
      if (!res.ok) return undefined;
      const body = (await res.json()) as { keys?: Array<JsonWebKey & { kid?: string }> };
      keys = { at: now(), byKid: new Map((body.keys ?? []).filter((k) => k.kid).map((k) => [k.kid!, k])) };
    }
    return keys.byKid.get(kid);
  }

  return async (token) => {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const [head, body, signature] = parts as [string, string, string];
    let header: { alg?: string; kid?: string };
    let claims: { aud?: string; tid?: string; oid?: string; iss?: string; exp?: number; nbf?: number };
    try {
      header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8'));
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    if (header.alg !== 'RS256' || !header.kid) return undefined;
    const jwk = await keyOf(header.kid).catch(() => undefined);
    if (!jwk) return undefined;
    const key = createPublicKey({ key: jwk, format: 'jwk' });
    if (!verify('RSA-SHA256', Buffer.from(`${head}.${body}`), key, Buffer.from(signature, 'base64url'))) return undefined;
    const seconds = now() / 1000;
    const { aud, tid, oid, iss, exp, nbf } = claims;
    if (typeof exp !== 'number' || exp + CLOCK_SKEW_S < seconds || (typeof nbf === 'number' && nbf - CLOCK_SKEW_S > seconds)) return undefined;
    if (aud !== options.appId && !(aud?.startsWith('api://') && aud.endsWith(`/${options.appId}`))) return undefined;
    if (!tid || !oid) return undefined;
    if (options.tenantIds.length > 0 && !options.tenantIds.includes(tid)) return undefined;
    if (iss !== `https://login.microsoftonline.com/${tid}/v2.0` && iss !== `https://sts.windows.net/${tid}/`) return undefined;
    return { tenantId: tid, userId: oid };
  };
}
