import type { AlertRuleConfig, Config } from '../src/config/schema.js';
import { parseDuration } from '../src/config/duration.js';
import type { Reply, ReplyButton, ReplySection } from '../src/reply/reply.js';
import type { AlertView } from '../src/watcher/model/alert-service.js';
import { AccessDeniedError, UsageError, type CommandContext, type CommandDefinition } from '../src/router/types.js';
import { formatAge, formatDuration, formatLocalTime } from '../src/reply/format.js';
import { pageOf } from '../src/reply/paging.js';
import { echo } from '../src/router/replies.js';
import { nextPageButton, refreshButton } from './common.js';
import { ruleIdOf } from '../src/config/rule-id.js';
import { localized } from '../src/i18n/index.js';
import { ruleNamed, ruleSubcommand } from './alert-rules.js';

const ALERT_ID = /^[A-Za-z0-9_:.-]{1,128}$/;
const MIN_SILENCE_MS = 60_000;
const MAX_SILENCE_MS = 7 * 86_400_000;
/** Firing alerts that get their own Ack / Silence buttons; more would crowd the message. */
const MAX_ALERT_BUTTONS = 5;
const MAX_FIRING_SHOWN = 10;

/**
 * `/alerts`: the configured rules and, when the watcher runs, what is firing with Ack and
 * Silence buttons; `/alerts ack <id>` and `/alerts silence <rule> 30m` for supervisors.
 *
 * @example
 *   await alertsCommand.handler(ctx); // "2 rules · 1 firing"
 */
/** Subcommands that change something (the rest only read). */
const ACTIONS = new Set(['ack', 'acknowledge', 'silence', 'mute', 'unsilence', 'unmute', 'set', 'on', 'off', 'undo', 'apply', 'create']);

export const alertsCommand: CommandDefinition = {
  name: 'alerts',
  summary: localized('en').t('command.alerts.summary'),
  usage:
    '/alerts [ack <alert id> | silence <rule> <duration> | unsilence <rule> | rules | set <rule> <field> <value> [--preview] | on|off|undo|history|edit <rule> | new]',
  examples: ({ rules, alertId }) => [
    '/alerts',
    ...(alertId ? [`/alerts ack ${alertId}`] : []),
    ...(rules[0] ? [`/alerts silence ${rules[0]} 30m`, `/alerts unsilence ${rules[0]}`] : []),
  ],
  access: 'everyone',
  usesSource: false,
  acts: (args) => ACTIONS.has(args[0]?.toLowerCase() ?? ''),
  async handler(ctx) {
    const [sub, ...rest] = ctx.args;
    switch (sub?.toLowerCase()) {
      case undefined:
        return overview(ctx);
      case 'ack':
      case 'acknowledge':
        return acknowledge(ctx, rest);
      case 'silence':
      case 'mute':
        return silence(ctx, rest);
      case 'unsilence':
      case 'unmute':
        return unsilence(ctx, rest);
      case 'rules':
      case 'set':
      case 'on':
      case 'off':
      case 'undo':
      case 'history':
      case 'edit':
      case 'apply':
      case 'new':
      case 'create':
        return ruleSubcommand(ctx, sub!.toLowerCase(), rest);
      default:
        throw new UsageError(
          `"${echo(sub!)}" is not something /alerts does: use /alerts, /alerts ack <alert id>, /alerts silence <rule> <duration>, /alerts unsilence <rule>, /alerts rules, /alerts set <rule> <field> <value>, /alerts on|off|undo|history <rule>.`,
        );
    }
  },
};

async function overview(ctx: CommandContext): Promise<Reply> {
  const rules = ctx.config.alerts.map((rule, index) => ({ rule, id: ruleIdOf(rule, index) }));
  const page = pageOf(rules, ctx.page);
  const firing = ctx.alerts ? (await ctx.alerts.firing()).filter((a) => a.phase !== 'resolved') : undefined;
  const silences = ctx.alerts ? await ctx.alerts.silences() : [];
  const now = ctx.now();
  const zoneOf = (sourceId: string) => ctx.sources.get(sourceId)?.timeZone ?? ctx.config.sources[sourceId]?.timeZone ?? 'UTC';

  const sections: ReplySection[] = [];
  if (firing) {
    const shown = firing.slice(0, MAX_FIRING_SHOWN);
    for (const alert of shown) sections.push(alertSection(alert, zoneOf(alert.source), now));
    if (firing.length > shown.length) sections.push({ text: `and ${firing.length - shown.length} more firing` });
    if (firing.length === 0) sections.push({ text: 'Nothing is firing.' });
    if (silences.length) {
      sections.push({
        heading: 'Silenced',
        text: silences.map((s) => `${s.ruleId} until ${formatLocalTime(s.until, zoneOf(ruleSource(ctx.config, s.ruleId)))} (by ${s.by})`).join('\n'),
      });
    }
  }
  const buttons: ReplyButton[] = [];
  const actionable = (firing ?? []).filter((a) => a.phase === 'firing').slice(0, MAX_ALERT_BUTTONS);
  for (const alert of actionable) {
    const suffix = actionable.length > 1 ? ` ${alert.ruleId}` : '';
    buttons.push({ label: `Ack${suffix}`, action: 'ack', value: alert.id, style: 'primary' });
    buttons.push({ label: `Silence 1h${suffix}`, action: 'silence', value: `${alert.ruleId}:1h` });
  }
  for (const s of silences.slice(0, MAX_ALERT_BUTTONS))
    buttons.push({ ...unsilenceButton(s.ruleId), label: silences.length > 1 ? `Unsilence ${s.ruleId}` : 'Unsilence' });
  buttons.push(refreshButton(ctx, '/alerts'));
  if (page.nextPage) buttons.push(nextPageButton(ctx, '/alerts', page.nextPage));

  const counts = [`${rules.length} rule${rules.length === 1 ? '' : 's'}`];
  if (firing) counts.push(firing.length ? `${firing.length} firing` : 'nothing firing');
  else counts.push('the watcher is not running in this process, so firing alerts are not shown');
  return {
    title: 'Alerts',
    summary: rules.length ? counts.join(' · ') : 'No alert rules are configured (see `alerts` in chatops.yaml).',
    table: rules.length
      ? {
          columns: ['Rule', 'Metric', 'When', 'For', 'Channels', 'Active hours'],
          rows: page.items.map(({ rule, id }) => [
            id,
            rule.queue ? `${rule.metric} (${rule.queue})` : rule.metric,
            `${rule.above !== undefined ? `> ${rule.above}` : `< ${rule.below}`} on ${rule.source}`,
            rule.for > 0 ? formatDuration(rule.for / 1000) : 'at once',
            rule.channels.join(', '),
            activeHoursOf(rule),
          ]),
          footnote: page.footnote,
        }
      : undefined,
    sections: sections.length ? sections : undefined,
    buttons,
    context: page.pageCount > 1 ? { note: `rules page ${page.page} of ${page.pageCount}` } : undefined,
    visibility: 'public',
    tone: firing?.some((a) => a.phase === 'firing' && a.severity === 'critical') ? 'danger' : firing?.some((a) => a.phase === 'firing') ? 'warning' : 'normal',
  };
}

async function acknowledge(ctx: CommandContext, args: string[]): Promise<Reply> {
  if (!ctx.isSupervisor) throw new AccessDeniedError('Acknowledging alerts is for supervisors. Ask your administrator to add you to access.supervisors.');
  const [id, extra] = args;
  if (id === undefined || extra !== undefined) throw new UsageError('Give the id of one alert: /alerts ack <alert id> (the Ack button fills it in).');
  if (!ALERT_ID.test(id)) throw new UsageError('That is not an alert id: ids are letters, digits, "-", "_", ":" or ".".');
  if (!ctx.alerts) return watcherOff();
  const alert = await ctx.alerts.acknowledge(id, ctx.asker);
  // The trail records what happened: only the press that acknowledged an open alert is an acknowledgement.
  if (!alert)
    return {
      title: 'Nothing to acknowledge',
      summary: `No alert is firing with id ${id}; it may have resolved already.`,
      visibility: 'private',
      tone: 'warning',
    };
  if (!alert.first)
    return {
      title: `Already acknowledged`,
      summary: `${alert.ruleId} was acknowledged by ${alert.acknowledgedBy ?? 'someone else'} already; nothing changed.`,
      visibility: 'private',
      tone: 'normal',
    };
  ctx.audit({ action: 'alert.acknowledge', target: id, asker: ctx.asker });
  const who = ctx.asker.displayName ?? ctx.asker.userId;
  return {
    title: `Acknowledged ${alert.ruleId}`,
    summary: `${alert.metric} on ${alert.source} — acknowledged by ${who}.`,
    visibility: 'public',
    tone: 'good',
    actionResult: true,
  };
}

async function silence(ctx: CommandContext, args: string[]): Promise<Reply> {
  if (!ctx.isSupervisor) throw new AccessDeniedError('Silencing alerts is for supervisors. Ask your administrator to add you to access.supervisors.');
  const [ruleId, durationText = '1h', extra] = args;
  if (ruleId === undefined || extra !== undefined) throw new UsageError('Name a rule and how long: /alerts silence <rule> 30m.');
  const match = await ruleNamed(ctx, ruleId);
  const ms = parseDuration(durationText.toLowerCase());
  if (ms === undefined || ms < MIN_SILENCE_MS || ms > MAX_SILENCE_MS)
    throw new UsageError(`"${echo(durationText)}" is not a duration from 1m to 7d; write it like 30m, 2h or 1d.`);
  if (!ctx.alerts) return watcherOff();
  const result = await ctx.alerts.silence(match, ms, ctx.asker);
  ctx.audit({ action: 'alert.silence', target: `${match}:${durationText}`, asker: ctx.asker });
  if (!result)
    return {
      title: `Could not silence ${match}`,
      summary: 'The watcher does not know this rule yet; try again after its next poll.',
      visibility: 'private',
      tone: 'warning',
    };
  const zone = ctx.sources.get(ruleSource(ctx.config, match))?.timeZone ?? 'UTC';
  return {
    title: `Silenced ${match}`,
    summary: `No notifications from ${match} until ${formatLocalTime(result.until, zone)} (${formatDuration(ms / 1000)}), by ${ctx.asker.displayName ?? ctx.asker.userId}.`,
    buttons: [unsilenceButton(match)],
    visibility: 'public',
    tone: 'good',
    actionResult: true,
  };
}

async function unsilence(ctx: CommandContext, args: string[]): Promise<Reply> {
  if (!ctx.isSupervisor) throw new AccessDeniedError('Lifting a silence is for supervisors. Ask your administrator to add you to access.supervisors.');
  const [ruleId, extra] = args;
  if (ruleId === undefined || extra !== undefined) throw new UsageError('Name one rule: /alerts unsilence <rule>.');
  const match = await ruleNamed(ctx, ruleId);
  if (!ctx.alerts) return watcherOff();
  const lifted = await ctx.alerts.unsilence(match, ctx.asker);
  if (!lifted) return { title: `${match} is not silenced`, summary: `Nothing to lift: ${match} notifies as usual.`, visibility: 'private', tone: 'normal' };
  ctx.audit({ action: 'alert.unsilence', target: match, asker: ctx.asker });
  const zone = ctx.sources.get(ruleSource(ctx.config, match))?.timeZone ?? 'UTC';
  return {
    title: `${match} notifies again`,
    summary: `${ctx.asker.displayName ?? ctx.asker.userId} lifted the silence on ${match} (set by ${lifted.by} until ${formatLocalTime(lifted.until, zone)}). If it is firing, its alert is posted at the next poll.`,
    visibility: 'public',
    tone: 'good',
    actionResult: true,
  };
}

function unsilenceButton(ruleId: string): ReplyButton {
  return { label: 'Unsilence', action: 'run', value: `/alerts unsilence ${ruleId}` };
}

function alertSection(alert: AlertView, zone: string, now: Date): ReplySection {
  if (alert.kind === 'no-figures') {
    const lines = [`no figures from ${alert.source} since ${formatLocalTime(alert.since, zone)} (${formatAge(alert.since, now)})`];
    if (alert.acknowledgedBy) lines.push(`acknowledged by ${alert.acknowledgedBy}`);
    return { heading: `${alert.source} — ${alert.phase}`, text: lines.join('\n') };
  }
  const threshold = `${alert.direction === 'above' ? '>' : '<'} ${alert.threshold}`;
  const lines = [
    `${alert.metric}${alert.queue ? ` (${alert.queue})` : ''} on ${alert.source} is ${alert.value} (threshold ${threshold}, peak ${alert.peak})`,
    `since ${formatLocalTime(alert.since, zone)} (${formatAge(alert.since, now)})`,
  ];
  if (alert.reopens)
    lines.push(`fired again ${alert.reopens === 1 ? 'once' : `${alert.reopens} times`} soon after resolving${alert.flapping ? '; flapping' : ''}`);
  if (alert.acknowledgedBy) lines.push(`acknowledged by ${alert.acknowledgedBy}`);
  return { heading: `${alert.ruleId} — ${alert.phase} (${alert.severity})`, text: lines.join('\n') };
}

/** "mon–fri 08:00–18:00", "always". */
function activeHoursOf(rule: AlertRuleConfig): string {
  const hours = rule.activeHours;
  if (!hours) return 'always';
  const order = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  const days = [...hours.days].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const consecutive = days.every((d, i) => i === 0 || order.indexOf(d) === order.indexOf(days[i - 1]!) + 1);
  const dayText = days.length === 7 ? 'every day' : consecutive && days.length > 2 ? `${days[0]}–${days[days.length - 1]}` : days.join(', ');
  return `${dayText} ${hours.from}–${hours.to}${hours.timeZone ? ` ${hours.timeZone}` : ''}`;
}

function ruleSource(config: Config, ruleId: string): string {
  const index = config.alerts.findIndex((rule, i) => ruleIdOf(rule, i) === ruleId);
  return config.alerts[index]?.source ?? '';
}

function watcherOff(): Reply {
  return {
    title: 'Alerts are not watched here',
    summary: 'The watcher is not running in this bot process, so there is nothing to acknowledge or silence.',
    visibility: 'private',
    tone: 'warning',
  };
}
