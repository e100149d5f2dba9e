import { mutexKey } from '../../util/redis-locks.js';

/**
 * Every watcher key holds `<prefix>:{watch}` so that a Redis Cluster keeps them in one slot (the
 * hash tag is the first `{...}`): the commit script touches several at once. All start with it
 * but the leader's, which redis-semaphore stores as `mutex:<prefix>:{watch}:leader`.
 *
 * @example
 *   watcherKeys('chatops').alert('queue-long:3'); // 'chatops:{watch}:alert:queue-long:3'
 */
export function watcherKeys(prefix: string) {
  if (!prefix || /[{}\s]/.test(prefix)) throw new TypeError(`watcher: prefix must be non-empty without braces or spaces (got "${prefix}")`);
  const base = `${prefix}:{watch}`;
  return {
    base,
    /** The leader lease's name, for the lock library. */
    leaderLease: `${base}:leader`,
    /** The key of the leader lease: holds the leader's random token (fences the commit script). */
    leader: mutexKey(`${base}:leader`),
    rule: (ruleId: string) => `${base}:rule:${ruleId}`,
    alert: (alertId: string) => `${base}:alert:${alertId}`,
    ack: (alertId: string) => `${base}:ack:${alertId}`,
    refs: (alertId: string) => `${base}:refs:${alertId}`,
    /** Set of alert ids not resolved yet. */
    open: `${base}:open`,
    /** Sorted set of alert ids by firing time (ms), for the day's summary. */
    history: `${base}:history`,
    /** Hash rule id -> silence JSON. */
    silences: `${base}:silences`,
    /** Set of channels with deliveries waiting. */
    lanes: `${base}:outbox:lanes`,
    lane: (channel: string) => `${base}:outbox:lane:${channel}`,
    /** Hash source id -> last poll JSON. */
    polls: `${base}:polls`,
    claim: (key: string) => `${base}:claim:${key}`,
  };
}

export type WatcherKeys = ReturnType<typeof watcherKeys>;

/**
 * Applies a list of writes atomically. KEYS[1] is the leader lease; when ARGV[1] is a token, the
 * writes happen only while the lease holds it. A leading `setnx` op guards the rest (first
 * acknowledgement wins). Keys of an alert get an expiry only once it resolved. Values and scores travel as strings so no number loses precision.
 */
export const COMMIT_SCRIPT = `
if ARGV[1] ~= '' and redis.call('get', KEYS[1]) ~= ARGV[1] then return 0 end
local ops = cjson.decode(ARGV[2])
for _, op in ipairs(ops) do
  local key = KEYS[op.k]
  if op.o == 'setnx' then
    if not redis.call('set', key, op.v, 'NX') then return 0 end
  elseif op.o == 'set' then
    if op.px then redis.call('set', key, op.v, 'PX', op.px) else redis.call('set', key, op.v) end
  elseif op.o == 'sadd' then redis.call('sadd', key, op.v)
  elseif op.o == 'srem' then redis.call('srem', key, op.v)
  elseif op.o == 'zadd' then redis.call('zadd', key, op.s, op.v)
  elseif op.o == 'ztrim' then redis.call('zremrangebyscore', key, '-inf', op.s)
  elseif op.o == 'rpush' then redis.call('rpush', key, op.v)
  elseif op.o == 'pexpire' then redis.call('pexpire', key, op.px)
  end
end
return 1
`;

/** Drops the head of a lane when it is still the delivery that was sent; forgets an empty lane. */
export const REMOVE_SCRIPT = `
local head = redis.call('lindex', KEYS[1], 0)
if head and cjson.decode(head).id == ARGV[1] then redis.call('lpop', KEYS[1]) end
if redis.call('llen', KEYS[1]) == 0 then redis.call('srem', KEYS[2], ARGV[2]) end
return 1
`;
