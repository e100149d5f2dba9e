import { isVendorError } from '../../src/domain/errors.js';
import type { VendorHttp } from '../http/vendor-http.js';
import type { Comm100SourceConfig } from '../../src/config/source-schemas.js';
import { tokenSchema } from './wire.js';
import { untilAborted } from '../../src/util/until-aborted.js';

/** Refresh this long before the token expires, so a request never leaves with a dying token. */
export const TOKEN_REFRESH_MARGIN_MS = 60_000;
/** Lifetime assumed when the token answer has no `expires_in` (inferred; a 401 refreshes anyway). */
export const DEFAULT_TOKEN_LIFETIME_S = 1_800;

/** What one request carries to prove who it is. */
export interface Comm100Credentials {
  headers: Record<string, string>;
  query: Record<string, string>;
  /** The access token used, so a 401 invalidates that one and not a newer one. */
  token?: string;
}

/**
 * Credentials for every Comm100 call. API key: HTTP Basic `email:apiKey` plus `siteId` in the
 * query. OAuth2: a cached bearer token from the token endpoint, refreshed before it expires,
 * with one refresh in flight however many requests wait for it.
 *
 * @example
 *   const auth = createComm100Auth({ config, http, tokenUrl, now: () => Date.now() });
 *   const { headers, query } = await auth.credentials();
 */
export interface Comm100Auth {
  readonly kind: 'apiKey' | 'oauth';
  credentials(signal?: AbortSignal): Promise<Comm100Credentials>;
  /** The API answered 401 to these credentials: drop that token so the next call fetches one. */
  invalidate(used: Comm100Credentials): void;
  /** Every secret known now (configured ones plus tokens issued so far), for redaction. */
  secrets(): string[];
}

type Auth = Comm100SourceConfig['auth'];
type OAuth = Extract<Auth, { type: 'oauth' }>;

export interface Comm100AuthOptions {
  auth: Auth;
  siteId: string;
  http: VendorHttp;
  tokenUrl: string;
  now: () => number;
}

/** Secrets of the configuration (not the tokens issued later). */
export function configuredSecrets(auth: Auth): string[] {
  if (auth.type === 'apiKey') return [auth.apiKey, `${auth.email}:${auth.apiKey}`];
  return [auth.clientSecret, auth.password, auth.refreshToken].filter((s): s is string => Boolean(s));
}

export function createComm100Auth(options: Comm100AuthOptions): Comm100Auth {
  const { auth, siteId } = options;
  const query = { siteId };
  if (auth.type === 'apiKey') {
    const basic = `Basic ${Buffer.from(`${auth.email}:${auth.apiKey}`).toString('base64')}`;
    return {
      kind: 'apiKey',
      credentials: async () => ({ headers: { authorization: basic }, query }),
      invalidate: () => {},
      secrets: () => configuredSecrets(auth),
    };
  }
  return createOAuth(auth, options);
}

interface Token {
  access: string;
  refresh?: string;
  refreshAt: number;
}

function createOAuth(auth: OAuth, options: Comm100AuthOptions): Comm100Auth {
  const { http, tokenUrl, now, siteId } = options;
  let token: Token | undefined;
  let inFlight: Promise<Token> | undefined;
  // Tokens issued so far, kept for redaction even after they are replaced.
  const issued = new Set<string>();

  async function fetchToken(signal?: AbortSignal): Promise<Token> {
    const form = token?.refresh ? { ...clientFields(), grant_type: 'refresh_token', refresh_token: token.refresh } : configuredGrant();
    try {
      return await requestToken(form, signal);
    } catch (error) {
      // An issued refresh token may have been revoked: fall back to the configured grant once.
      if (form.grant_type === 'refresh_token' && token?.refresh && isVendorError(error) && error.reason === 'auth') {
        token = undefined;
        return requestToken(configuredGrant(), signal);
      }
      throw error;
    }
  }

  // RFC 6749: a confidential client authenticates on every grant, refreshes included.
  function clientFields(): Record<string, string> {
    return auth.clientSecret ? { client_id: auth.clientId, client_secret: auth.clientSecret } : { client_id: auth.clientId };
  }

  function configuredGrant(): Record<string, string> {
    const form: Record<string, string> = { grant_type: auth.grantType, ...clientFields() };
    if (auth.grantType === 'password') {
      if (!auth.username || !auth.password) throw missing('username and password', 'password');
      form.username = auth.username;
      form.password = auth.password;
    }
    if (auth.grantType === 'refresh_token') {
      if (!auth.refreshToken) throw missing('refreshToken', 'refresh_token');
      form.refresh_token = auth.refreshToken;
    }
    return form;
  }

  function missing(what: string, grant: string) {
    return http.error({
      kind: 'refused',
      reason: 'auth',
      endpoint: 'oauth/token',
      detail: `OAuth grant ${grant} needs ${what} in the source's auth settings`,
      said: { key: 'vendorError.comm100.grantIncomplete', values: { grant, what } },
    });
  }

  async function requestToken(form: Record<string, string>, signal?: AbortSignal): Promise<Token> {
    let answer;
    try {
      answer = await http.json(tokenUrl, {
        method: 'POST',
        body: new URLSearchParams(form).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        endpoint: 'oauth/token',
        schema: tokenSchema,
        signal,
      });
    } catch (error) {
      // The token endpoint says "invalid_grant"/"invalid_client" with 400: that is a credentials problem.
      if (isVendorError(error) && error.kind === 'refused' && (error.reason === 'bad-request' || error.reason === 'not-found' || error.reason === 'auth')) {
        throw http.error({
          kind: 'refused',
          reason: 'auth',
          endpoint: 'oauth/token',
          status: error.status,
          detail: `token request refused (${form.grant_type}): ${error.detail}`,
          said: { key: 'vendorError.comm100.oauthClient' },
        });
      }
      throw error;
    }
    issued.add(answer.access_token);
    if (answer.refresh_token) issued.add(answer.refresh_token);
    const lifetimeMs = (answer.expires_in ?? DEFAULT_TOKEN_LIFETIME_S) * 1000;
    // Short-lived tokens (tests, strict tenants) would otherwise be refreshed on every call.
    const margin = Math.min(TOKEN_REFRESH_MARGIN_MS, lifetimeMs / 2);
    return { access: answer.access_token, refresh: answer.refresh_token ?? token?.refresh ?? undefined, refreshAt: now() + lifetimeMs - margin };
  }

  async function current(signal?: AbortSignal): Promise<Token> {
    if (token && now() < token.refreshAt) return token;
    // One refresh for everyone; callers do not pass their abort signal into the shared request.
    inFlight ??= fetchToken().then(
      (fresh) => {
        token = fresh;
        inFlight = undefined;
        return fresh;
      },
      (error: unknown) => {
        inFlight = undefined;
        throw error;
      },
    );
    return signal ? untilAborted(inFlight, signal) : inFlight;
  }

  return {
    kind: 'oauth',
    async credentials(signal) {
      const { access } = await current(signal);
      return { headers: { authorization: `Bearer ${access}` }, query: { siteId }, token: access };
    },
    invalidate(used) {
      if (token && used.token === token.access) token = { ...token, refreshAt: 0 };
    },
    secrets: () => [...configuredSecrets(auth), ...issued],
  };
}
