import type { RedisClient } from '../redis/client.js';

export interface RedisFailoverHooks {
  /** Redis stopped answering: called at each failure seen while down is declared (idempotent work only). */
  down(error: unknown, first: boolean): void;
  /** Redis answers: after an outage (`afterOutage`), or for the first time. */
  up(afterOutage: boolean): void;
  /** A failed command was checked and Redis answered: no outage. */
  confirmed?(error: unknown): void;
}

export interface RedisFailover {
  /** Whether the shared store is to be used (false from the moment an outage is declared until Redis answers). */
  readonly up: boolean;
  /** Resolves once the first connection is made, or after `connectWaitMs` (then the first requests go local). */
  readonly firstConnection: Promise<void>;
  /**
   * A command failed. A closed connection is an outage at once; a failure while the connection
   * stays up (a timeout on a busy server) is checked with one more command first: one slow answer
   * is not an outage.
   */
  suspect(error: unknown): void;
  close(): void;
}

/**
 * Whether a replica shares limits through Redis or keeps to its own part: follows the client's
 * connection, confirms a failed command before declaring an outage, and while down pings every
 * `probeMs` (a command can fail while the connection stays "ready") until Redis answers.
 *
 * @example
 *   const failover = watchRedisFailover(redis, { probeMs: 1_000, connectWaitMs: 2_000 }, { down: () => parts.begin(), up: () => parts.end() });
 *   if (failover.up) { … shared … } else { … local … }
 */
export function watchRedisFailover(redis: RedisClient, timing: { probeMs: number; connectWaitMs: number }, hooks: RedisFailoverHooks): RedisFailover {
  let up = redis.status === 'ready';
  let closed = false;
  let downSince = false;
  let confirming = false;
  let probe: NodeJS.Timeout | undefined;

  function markUp(): void {
    if (closed || up) return;
    up = true;
    if (probe) clearInterval(probe);
    probe = undefined;
    const afterOutage = downSince;
    downSince = false;
    hooks.up(afterOutage);
  }

  function markDown(error: unknown): void {
    if (closed) return;
    up = false;
    hooks.down(error, !downSince);
    downSince = true;
    probe ??= setInterval(() => {
      if (redis.status !== 'ready') return;
      redis.ping().then(markUp, () => undefined);
    }, timing.probeMs);
    probe.unref();
  }

  const firstConnection = new Promise<void>((resolve) => {
    if (redis.status === 'ready' || redis.status === 'end') return resolve();
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(done, timing.connectWaitMs);
    timer.unref();
    redis.once('ready', done);
    redis.once('close', done);
  });

  redis.on('ready', markUp);
  redis.on('close', () => markDown(new Error('connection closed')));
  redis.on('error', () => undefined); // an outage is told once by hooks.down, not per reconnect attempt

  return {
    get up() {
      return up;
    },
    firstConnection,
    suspect(error) {
      if (closed || !up) return;
      if (redis.status !== 'ready') return markDown(error);
      if (confirming) return;
      confirming = true;
      redis.ping().then(
        () => {
          confirming = false;
          hooks.confirmed?.(error);
        },
        () => {
          confirming = false;
          markDown(error);
        },
      );
    },
    close() {
      closed = true;
      if (probe) clearInterval(probe);
    },
  };
}
