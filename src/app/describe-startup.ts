import type { Source } from '../sources/source.js';
import type { Settings } from './settings.js';
import { describeRedis } from '../redis/redis-settings.js';
import { describeLeftOut } from '../config/optional-sources.js';

export interface StartupFacts {
  settings: Settings;
  sources: Source[];
  gateMode: 'shared' | 'local' | 'memory';
  slack: boolean;
  teams: 'on' | 'anonymous' | 'off';
  watching: boolean;
}

/** Plain words on what is on and what is missing, printed at start. */
export function describeStartup({ settings, sources, gateMode, slack, teams, watching }: StartupFacts): string[] {
  const { config } = settings.loaded;
  const lines: string[] = [];
  lines.push(
    settings.embedded
      ? 'Configuration: none found, running the embedded demo contact center (set CHATOPS_CONFIG or create ./chatops.yaml for your own).'
      : `Configuration: ${settings.loaded.file}`,
  );
  lines.push(`Sources: ${sources.map((s) => `${s.id} (${s.vendor}${s.label !== s.id ? `, "${s.label}"` : ''})`).join(', ')}`);
  const leftOut = settings.loaded.leftOut ?? [];
  if (leftOut.length > 0) lines.push(`Left out (optional, not set): ${describeLeftOut(leftOut)}; set them in .env to use these sources.`);
  lines.push(
    gateMode === 'memory'
      ? 'Quota and cache: in memory, this process only (set REDIS_URL, REDIS_SENTINELS or REDIS_CLUSTER_NODES to share them between replicas).'
      : `Quota and cache: shared through Redis (${settings.redis ? `${describeRedis(settings.redis)}, keys under "${settings.redis.prefix}:"` : 'one server'})${gateMode === 'local' ? ' (NOT answering yet: per-process limits until it does)' : ''}.`,
  );
  lines.push(
    slack
      ? `Slack: on, ${settings.slack?.appToken ? 'Socket Mode and ' : ''}POST /slack/events${settings.commandPrefix ? `, commands /${settings.commandPrefix}queue, /${settings.commandPrefix}help…` : ''}.`
      : 'Slack: off (set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN to turn it on).',
  );
  if (teams === 'on') lines.push('Teams: on, POST /api/messages with Bot Framework authentication.');
  else if (teams === 'anonymous')
    lines.push(
      'Teams: WARNING — TEAMS_ALLOW_ANONYMOUS=true and no MICROSOFT_APP_ID, so POST /api/messages accepts UNAUTHENTICATED requests from anyone claiming to be anyone (Bot Framework Emulator only; never expose this port).',
    );
  else lines.push('Teams: off (set MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID to turn it on).');
  const channels = Object.entries(config.channels).map(([alias, ref]) => `${alias} -> ${ref.startsWith('teams-webhook:') ? 'teams-webhook' : ref}`);
  lines.push(`Channels: ${channels.join(', ') || 'none'}`);
  lines.push(
    watching
      ? `Watcher: on, ${config.alerts.length} alert rule(s), ${config.summaries.length} daily summar${config.summaries.length === 1 ? 'y' : 'ies'}.`
      : 'Watcher: off.',
  );
  const sup = config.access.supervisors;
  if (sup.slackUsers.length + sup.slackGroups.length + sup.teamsUsers.length === 0 && !settings.embedded) {
    lines.push('Access: no supervisors listed under access.supervisors, so nobody can read transcripts from Slack or Teams.');
  }
  return lines;
}
