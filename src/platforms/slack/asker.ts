import type { webApi } from '@slack/bolt';
import type { Logger } from '../../log/logger.js';
import type { Asker, Venue } from '../../domain/asker.js';

/** Direct-message channel ids start with D; anything else (C, G) is a channel or group. */
export function venueOf(channelId: string | undefined): Venue {
  return channelId?.startsWith('D') ? 'direct' : 'channel';
}

export type GroupLookup = (userId: string) => Promise<string[] | undefined>;

/**
 * Which of the configured Slack user groups (`access.supervisors.slackGroups`) a user is in.
 * Each group's members come from `usergroups.users.list` and are kept for `ttlMs`; concurrent
 * askers share one lookup. With no groups configured, no call is made. A failed lookup (for
 * instance the `usergroups:read` scope is missing) is logged and counts as "in no group" for a
 * short while, so access falls back to the user list rather than failing the command.
 *
 * @example
 *   const groupsOf = createGroupLookup({ client, groups: ['S0123'], ttlMs: 300_000, logger });
 *   const asker = { platform: 'slack', userId: 'U1', groups: await groupsOf('U1') };
 */
export function createGroupLookup(options: { client: webApi.WebClient; groups: string[]; ttlMs?: number; logger: Logger; now?: () => number }): GroupLookup {
  const { client, groups, logger } = options;
  const ttlMs = options.ttlMs ?? 300_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { expires: number; members: Promise<Set<string>> }>();

  function membersOf(group: string): Promise<Set<string>> {
    const hit = cache.get(group);
    if (hit && hit.expires > now()) return hit.members;
    const members = client.usergroups.users
      .list({ usergroup: group })
      .then((r) => new Set(r.users ?? []))
      .catch((error: unknown) => {
        logger.warn({ group, err: error }, 'could not list the members of a Slack user group (is the usergroups:read scope granted?)');
        // Retry sooner than a good answer would expire.
        cache.set(group, { expires: now() + Math.min(ttlMs, 30_000), members: Promise.resolve(new Set<string>()) });
        return new Set<string>();
      });
    cache.set(group, { expires: now() + ttlMs, members });
    return members;
  }

  return async (userId) => {
    if (groups.length === 0) return undefined;
    const found = await Promise.all(groups.map(async (g) => ((await membersOf(g)).has(userId) ? g : undefined)));
    return found.filter((g): g is string => g !== undefined);
  };
}

/** The router's Asker for a Slack user. */
export function slackAsker(userId: string, groups: string[] | undefined, displayName?: string, locale?: string): Asker {
  return { platform: 'slack', userId, ...(groups ? { groups } : {}), ...(displayName ? { displayName } : {}), ...(locale ? { locale } : {}) };
}
