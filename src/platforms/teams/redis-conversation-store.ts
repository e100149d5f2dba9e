import type { RedisClient } from '../../redis/client.js';
import { normalizeAlias, requireAlias, type ConversationStore, type TeamsConversationRef } from './conversation-store.js';

export interface RedisConversationStoreOptions {
  redis: RedisClient;
  /** Key prefix shared by every replica of one bot; default `chatops:teams:`. */
  prefix?: string;
}

/**
 * Conversation references in Redis, shared by every replica, so whichever replica holds the
 * watcher lease can post where any other one was installed.
 *
 * Keys: `<prefix>conv:<id>` (JSON), `<prefix>convs` (set of ids), `<prefix>alias:<name>` (id).
 *
 * @example
 *   const store = createRedisConversationStore({ redis: connectRedis(settings.redis), prefix: 'chatops:teams:' });
 */
export function createRedisConversationStore(options: RedisConversationStoreOptions): ConversationStore {
  const { redis } = options;
  const prefix = options.prefix ?? 'chatops:teams:';
  const convKey = (id: string) => `${prefix}conv:${id}`;
  const setKey = `${prefix}convs`;
  const aliasKey = (alias: string) => `${prefix}alias:${alias}`;

  const parse = (text: string | null): TeamsConversationRef | undefined => {
    if (text === null) return undefined;
    try {
      return JSON.parse(text) as TeamsConversationRef;
    } catch {
      // A hand-edited or truncated value must not break every post; treat it as missing.
      return undefined;
    }
  };

  return {
    async save(ref) {
      // Two commands, not one transaction: the keys sit in different slots of a Redis Cluster. The
      // reference goes first, so the set never names an id without one.
      await redis.set(convKey(ref.id), JSON.stringify(ref));
      await redis.sadd(setKey, ref.id);
    },
    async get(id) {
      return parse(await redis.get(convKey(id)));
    },
    async markStale(id, reason) {
      const ref = parse(await redis.get(convKey(id)));
      if (!ref) return;
      ref.stale = { reason, at: new Date().toISOString() };
      await redis.set(convKey(id), JSON.stringify(ref));
    },
    async alias(name, id) {
      await redis.set(aliasKey(requireAlias(name)), id);
    },
    async resolveAlias(name) {
      const alias = normalizeAlias(name);
      if (alias === undefined) return undefined;
      return (await redis.get(aliasKey(alias))) ?? undefined;
    },
    async list() {
      const ids = await redis.smembers(setKey);
      if (ids.length === 0) return [];
      // One GET each rather than MGET: a Redis Cluster refuses keys of several slots in one command.
      const values = await Promise.all(ids.map((id) => redis.get(convKey(id))));
      return values.map(parse).filter((ref): ref is TeamsConversationRef => ref !== undefined);
    },
  };
}
