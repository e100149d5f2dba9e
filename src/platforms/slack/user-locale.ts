import type { webApi } from '@slack/bolt';
import { LRUCache } from 'lru-cache';
import type { Logger } from '../../log/logger.js';

export interface LocaleLookup {
  (userId: string): Promise<string | undefined>;
  /** The locale already read for this user, without asking Slack (what the 3 s ack speaks); undefined when not read yet. */
  known?(userId: string): string | undefined;
}

/** Past this, the answer goes out in English rather than wait for Slack to say the user's language. */
const LOOKUP_TIMEOUT_MS = 1_500;

/**
 * A Slack user's locale (`es-LA`, `en-US`), from `users.info` with `include_locale=true` (scope
 * `users:read`), kept `ttlMs` per user (at most `max` users); concurrent askers share one call.
 * A failed or slow lookup answers undefined (English) and is retried after a short while, so a
 * missing scope never fails a command.
 *
 * @example
 *   const localeOf = createLocaleLookup({ client, logger });
 *   await localeOf('U0123'); // "es-LA"
 */
export function createLocaleLookup(options: { client: webApi.WebClient; logger: Logger; ttlMs?: number; max?: number }): LocaleLookup {
  const { client, logger } = options;
  const ttlMs = options.ttlMs ?? 3_600_000;
  const cache = new LRUCache<string, Promise<string | undefined>>({ max: options.max ?? 10_000, ttl: ttlMs });
  const read = new LRUCache<string, string>({ max: options.max ?? 10_000, ttl: ttlMs });
  const lookup: LocaleLookup = (userId) => {
    const hit = cache.get(userId);
    if (hit) return hit;
    const asked = client.users
      .info({ user: userId, include_locale: true })
      .then((r) => {
        const locale = typeof r.user?.locale === 'string' ? r.user.locale : undefined;
        if (locale) read.set(userId, locale);
        return locale;
      })
      .catch((error: unknown) => {
        logger.warn({ err: error }, "could not read a Slack user's locale (is the users:read scope granted?); answering in English");
        cache.set(userId, Promise.resolve(undefined), { ttl: Math.min(ttlMs, 60_000) });
        return undefined;
      });
    cache.set(userId, asked);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), LOOKUP_TIMEOUT_MS);
      timer.unref();
    });
    return Promise.race([asked, late]).finally(() => clearTimeout(timer));
  };
  lookup.known = (userId) => read.get(userId);
  return lookup;
}
