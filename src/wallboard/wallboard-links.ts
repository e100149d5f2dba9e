import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { RedisClient } from '../redis/client.js';

/** The page; its data comes from `/wallboard/state` and `/wallboard/events` with the same query. */
export const WALLBOARD_ROUTE = '/wallboard';
/** A TV on the floor: long-lived by default. */
export const DEFAULT_TV_LINK_MS = 90 * 86_400_000;
/** A desk or a phone: a working day. */
export const DEFAULT_DESK_LINK_MS = 12 * 3_600_000;
/** How far past a link's lifetime its expiry may be, for replicas whose clocks differ. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

import type { LinkKind } from '../domain/wallboard-access.js';

export type { LinkKind };

/** What a valid link opens. */
export interface WallboardGrant {
  sources: string[];
  kind: LinkKind;
  /** Epoch seconds. */
  exp: number;
  generation: number;
}

export type LinkCheck = { ok: true; grant: WallboardGrant } | { ok: false; status: 400 | 403 | 503; message: string };

export interface WallboardLinksOptions {
  /** PUBLIC_URL: https, or http for localhost only. */
  publicUrl: string;
  /** Signs links; replicas must share it. Absent: a random one, shared through Redis when there is one. */
  secret?: string;
  /** Keeps the links' generation (and the shared random secret) for every replica. */
  redis?: RedisClient;
  prefix?: string;
  tvMs?: number;
  deskMs?: number;
  now?: () => number;
}

/**
 * Signed, expiring, revocable wallboard links: `PUBLIC_URL/wallboard?s=<sources>&k=<tv|desk>&exp&g&sig`,
 * an HMAC-SHA256 over sources, kind, expiry and the links' generation. `revoke` moves the generation
 * on (in Redis for every replica), so every link made before stops working at once; a link dated
 * past its kind's lifetime was not made here and is refused too.
 *
 * @example
 *   const links = createWallboardLinks({ publicUrl: 'https://bot.example.com', redis, prefix });
 *   const { url } = await links.link(['emea'], 'desk');
 *   (await links.check(new URL(url).searchParams)).ok; // true, until it expires or `revoke()`
 */
export interface WallboardLinks {
  link(sources: readonly string[], kind: LinkKind): Promise<{ url: string; expiresAt: Date }>;
  check(params: URLSearchParams): Promise<LinkCheck>;
  /** Ends every link made so far; resolves with the new generation. */
  revoke(): Promise<number>;
  /** The generation links are made with now. */
  generation(): Promise<number>;
}

/** Why a PUBLIC_URL cannot carry wallboard links, or undefined when it can (https, or http on this machine). */
export function publicUrlProblem(publicUrl: string | undefined): string | undefined {
  if (!publicUrl) return 'Wallboard links need PUBLIC_URL, the bot’s public https address (such as https://chatops.example.com).';
  const url = new URL(publicUrl);
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) return undefined;
  return 'Wallboard links need PUBLIC_URL to be https (http is accepted for localhost only): the page would otherwise travel unencrypted.';
}

export function createWallboardLinks(options: WallboardLinksOptions): WallboardLinks {
  const now = options.now ?? Date.now;
  const base = options.publicUrl.replace(/\/+$/, '');
  const prefix = options.prefix ?? 'chatops';
  const generationKey = `${prefix}:wallboard:generation`;
  const secretKey = `${prefix}:wallboard:secret`;
  const lifetime: Record<LinkKind, number> = { tv: options.tvMs ?? DEFAULT_TV_LINK_MS, desk: options.deskMs ?? DEFAULT_DESK_LINK_MS };
  // Without Redis the generation lives in this process: a restart ends every link (start time in seconds).
  let memoryGeneration = Math.floor(now() / 1000);
  let secret: Promise<string> | undefined = options.secret ? Promise.resolve(options.secret) : undefined;

  function secretOf(): Promise<string> {
    if (secret) return secret;
    const redis = options.redis;
    const mine = randomBytes(32).toString('hex');
    secret = redis
      ? redis
          .set(secretKey, mine, 'NX')
          .then(() => redis.get(secretKey))
          .then((shared) => shared ?? mine)
      : Promise.resolve(mine);
    // Redis unreachable: try again next time rather than keep a secret the other replicas do not share.
    secret.catch(() => (secret = undefined));
    return secret;
  }

  async function generation(): Promise<number> {
    if (!options.redis) return memoryGeneration;
    return Number((await options.redis.get(generationKey)) ?? 0);
  }

  async function sign(grant: WallboardGrant): Promise<string> {
    return createHmac('sha256', await secretOf())
      .update(`wallboard.v1|${grant.sources.join(',')}|${grant.kind}|${grant.exp}|${grant.generation}`)
      .digest('base64url');
  }

  return {
    generation,
    async link(sources, kind) {
      const grant: WallboardGrant = { sources: [...sources], kind, exp: Math.ceil((now() + lifetime[kind]) / 1000), generation: await generation() };
      const query = new URLSearchParams({ s: grant.sources.join(','), k: kind, exp: String(grant.exp), g: String(grant.generation), sig: await sign(grant) });
      return { url: `${base}${WALLBOARD_ROUTE}?${query}`, expiresAt: new Date(grant.exp * 1000) };
    },
    async check(params) {
      const sources = (params.get('s') ?? '').split(',').filter(Boolean);
      const kind = params.get('k');
      const exp = Number(params.get('exp'));
      const gen = Number(params.get('g'));
      const sig = params.get('sig') ?? '';
      if (sources.length === 0 || (kind !== 'tv' && kind !== 'desk') || !Number.isInteger(exp) || !Number.isInteger(gen) || !sig)
        return { ok: false, status: 400, message: 'This wallboard link is incomplete; ask the bot for a new one with /wallboard.' };
      const grant: WallboardGrant = { sources, kind, exp, generation: gen };
      let expected: Buffer;
      let current: number;
      try {
        [expected, current] = [Buffer.from(await sign(grant)), await generation()];
      } catch {
        return { ok: false, status: 503, message: 'The wallboard cannot check links right now; it tries again by itself.' };
      }
      const given = Buffer.from(sig);
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        return { ok: false, status: 403, message: 'This wallboard link is not valid.' };
      if (gen !== current) return { ok: false, status: 403, message: 'This wallboard link was revoked; ask the bot for a new one with /wallboard.' };
      const left = exp * 1000 - now();
      if (left <= 0) return { ok: false, status: 403, message: 'This wallboard link has expired; ask the bot for a new one with /wallboard.' };
      if (left > lifetime[kind] + MAX_CLOCK_SKEW_MS) return { ok: false, status: 403, message: 'This wallboard link is not valid.' };
      return { ok: true, grant };
    },
    async revoke() {
      if (!options.redis) return (memoryGeneration += 1);
      return options.redis.incr(generationKey);
    },
  };
}

/** The links' secret from a platform secret the replicas already share (derived, never the secret itself). */
export function wallboardSecretFrom(...secrets: Array<string | undefined>): string | undefined {
  const known = secrets.find((s) => s);
  return known ? createHmac('sha256', known).update('chatops wallboard links').digest('hex') : undefined;
}
