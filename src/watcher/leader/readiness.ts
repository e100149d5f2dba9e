import type { ReadinessCheck } from '../../http/health-routes.js';
import type { PollStatus } from '../model/types.js';

/**
 * A `/readyz` line for the watcher: each watched source's last poll (ok or what failed, how long
 * ago, and how old the figures it used were) and whether this replica leads ("leading without
 * Redis" while it leads alone through a Redis outage). Not required: a vendor outage does not stop the bot
 * from answering, so it never makes `/readyz` fail; it shows `ok: false` when a source failed
 * its last poll or has not been polled for `staleAfterMs`.
 *
 * @example
 *   checks.push(watcherReadiness(watcher));
 */
export function watcherReadiness(
  watcher: { lastPolls(): Record<string, PollStatus>; isLeader(): boolean; leadingAlone?(): boolean },
  options: { staleAfterMs?: number; now?: () => number } = {},
): ReadinessCheck {
  const staleAfter = options.staleAfterMs ?? 15 * 60_000;
  const now = options.now ?? Date.now;
  return {
    name: 'watcher',
    async check() {
      const polls = watcher.lastPolls();
      const role = watcher.leadingAlone?.() ? 'leading without Redis' : watcher.isLeader() ? 'leader' : 'follower';
      const entries = Object.entries(polls);
      if (entries.length === 0) return { ok: true, required: false, detail: `${role}; no poll yet` };
      let ok = true;
      const parts = entries.map(([source, status]) => {
        const age = Math.max(0, Math.round((now() - Date.parse(status.at)) / 1000));
        const stale = age * 1000 > staleAfter;
        if (!status.ok || stale) ok = false;
        const state = status.ok ? (stale ? 'not polled lately' : 'ok') : `failing (${status.error ?? 'unknown error'})`;
        const dataAge = status.dataAsOf ? `, data ${Math.max(0, Math.round((now() - Date.parse(status.dataAsOf)) / 1000))}s old` : '';
        return `${source} ${state}, polled ${age}s ago${dataAge}`;
      });
      return { ok, required: false, detail: `${role}; ${parts.join('; ')}` };
    },
  };
}
