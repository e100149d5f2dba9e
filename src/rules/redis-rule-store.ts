import type { RedisClient } from '../redis/client.js';
import type { RuleStore } from './rule-store.js';
import type { RuleVersion } from './versions.js';

/** Versions are kept this long after a rule's last change (a year: rules outlive alerts). */
const KEEP_SECONDS = 366 * 86_400;

// Appends only when the rule's list is still `after` long: two supervisors changing one rule at
// once cannot both win. Both keys share the {rules} hash tag (one Cluster slot).
const APPEND = `
if redis.call('LLEN', KEYS[2]) ~= tonumber(ARGV[1]) then return 0 end
redis.call('RPUSH', KEYS[2], ARGV[3])
redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
redis.call('EXPIRE', KEYS[2], ARGV[4])
redis.call('EXPIRE', KEYS[1], ARGV[4])
return 1`;

export interface RedisRuleStoreOptions {
  redis: RedisClient;
  /** Start of every key (the deployment's prefix). */
  prefix: string;
}

/**
 * Rule versions in Redis: a hash of each rule's latest version (read by every replica at each
 * poll) and a list per rule of all its versions (`/alerts history`).
 *
 * @example
 *   const rules = createRedisRuleStore({ redis, prefix: 'chatops' });
 */
export function createRedisRuleStore({ redis, prefix }: RedisRuleStoreOptions): RuleStore {
  const latestKey = `${prefix}:{rules}:latest`;
  const logKey = (ruleId: string) => `${prefix}:{rules}:log:${ruleId}`;
  return {
    kind: 'redis',
    async latest() {
      const all = await redis.hgetall(latestKey);
      return new Map(Object.entries(all).map(([id, json]) => [id, JSON.parse(json) as RuleVersion]));
    },
    async history(ruleId) {
      return (await redis.lrange(logKey(ruleId), 0, -1)).map((json) => JSON.parse(json) as RuleVersion);
    },
    async append(change, after) {
      const version: RuleVersion = { ...change, version: after + 1 };
      const done = await redis.eval(APPEND, 2, latestKey, logKey(change.ruleId), String(after), change.ruleId, JSON.stringify(version), String(KEEP_SECONDS));
      return done === 1 ? version : undefined;
    },
  };
}
