import type { AlertRuleConfig, Config } from '../src/config/schema.js';
import { parseDuration } from '../src/config/duration.js';
import type { Reply, ReplyButton, ReplySection } from '../src/reply/reply.js';
import type { AlertView } from '../src/watcher/model/alert-service.js';
import { AccessDeniedError, UsageError, type CommandContext, type CommandDefinition } from '../src/router/types.js';
import { pageOf } from '../src/reply/paging.js';
import { echo } from '../src/router/replies.js';
import { nextPageButton, refreshButton, speech } from './common.js';
import { ruleIdOf } from '../src/config/rule-id.js';
import { localized, type Localized } from '../src/i18n/index.js';
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
        throw new UsageError(speech(ctx).t('alerts.unknownSub', { sub: echo(sub!) }));
    }
  },
};

async function overview(ctx: CommandContext): Promise<Reply> {
  const said = speech(ctx);
  const { t, fmt } = said;
  const rules = ctx.config.alerts.map((rule, index) => ({ rule, id: ruleIdOf(rule, index) }));
  const page = pageOf(rules, ctx.page);
  const firing = ctx.alerts ? (await ctx.alerts.firing()).filter((a) => a.phase !== 'resolved') : undefined;
  const silences = ctx.alerts ? await ctx.alerts.silences() : [];
  const now = ctx.now();
  const zoneOf = (sourceId: string) => ctx.sources.get(sourceId)?.timeZone ?? ctx.config.sources[sourceId]?.timeZone ?? 'UTC';

  const sections: ReplySection[] = [];
  if (firing) {
    const shown = firing.slice(0, MAX_FIRING_SHOWN);
    for (const alert of shown) sections.push(alertSection(alert, zoneOf(alert.source), now, said));
    if (firing.length > shown.length) sections.push({ text: t('alerts.moreFiring', { count: firing.length - shown.length }) });
    if (firing.length === 0) sections.push({ text: t('alerts.nothingFiringLine') });
    if (silences.length) {
      sections.push({
        heading: t('alerts.silenced'),
        text: silences
          .map((s) => t('alerts.silencedLine', { rule: s.ruleId, time: fmt.time(s.until, zoneOf(ruleSource(ctx.config, s.ruleId))), who: s.by }))
          .join('\n'),
      });
    }
  }
  const buttons: ReplyButton[] = [];
  const actionable = (firing ?? []).filter((a) => a.phase === 'firing').slice(0, MAX_ALERT_BUTTONS);
  for (const alert of actionable) {
    const one = actionable.length === 1;
    const rule = alert.ruleId;
    buttons.push({ label: one ? t('alert.button.ack') : t('alerts.button.ackRule', { rule }), action: 'ack', value: alert.id, style: 'primary' });
    buttons.push({ label: one ? t('alert.button.silence') : t('alerts.button.silenceRule', { rule }), action: 'silence', value: `${rule}:1h` });
  }
  for (const s of silences.slice(0, MAX_ALERT_BUTTONS))
    buttons.push({
      ...unsilenceButton(s.ruleId, t),
      label: silences.length > 1 ? t('alerts.button.unsilenceRule', { rule: s.ruleId }) : t('alerts.button.unsilence'),
    });
  buttons.push(refreshButton(ctx, '/alerts'));
  if (page.nextPage) buttons.push(nextPageButton(ctx, '/alerts', page.nextPage));

  const counts = [t('alerts.rules', { count: rules.length })];
  if (firing) counts.push(firing.length ? t('alerts.firing', { count: firing.length }) : t('alerts.nothingFiring'));
  else counts.push(t('alerts.watcherElsewhere'));
  return {
    title: t('alerts.title'),
    summary: rules.length ? counts.join(' · ') : t('alerts.noRules'),
    table: rules.length
      ? {
          columns: [
            t('alerts.col.rule'),
            t('alerts.col.metric'),
            t('alerts.col.when'),
            t('alerts.col.for'),
            t('alerts.col.channels'),
            t('alerts.col.activeHours'),
          ],
          rows: page.items.map(({ rule, id }) => [
            id,
            rule.queue ? `${rule.metric} (${rule.queue})` : rule.metric,
            rule.above !== undefined
              ? t('alerts.whenAbove', { value: rule.above, source: rule.source })
              : t('alerts.whenBelow', { value: rule.below, source: rule.source }),
            rule.for > 0 ? fmt.duration(rule.for / 1000) : t('alerts.atOnce'),
            rule.channels.join(', '),
            activeHoursOf(rule, t),
          ]),
          footnote: page.footnote,
        }
      : undefined,
    sections: sections.length ? sections : undefined,
    buttons,
    context: page.pageCount > 1 ? { note: t('alerts.rulesPage', { page: page.page, pages: page.pageCount }) } : undefined,
    visibility: 'public',
    tone: firing?.some((a) => a.phase === 'firing' && a.severity === 'critical') ? 'danger' : firing?.some((a) => a.phase === 'firing') ? 'warning' : 'normal',
  };
}

async function acknowledge(ctx: CommandContext, args: string[]): Promise<Reply> {
  const { t } = speech(ctx);
  if (!ctx.isSupervisor) throw new AccessDeniedError({ key: 'alerts.ackForSupervisors' });
  const [id, extra] = args;
  if (id === undefined || extra !== undefined) throw new UsageError(t('alerts.ackUsage'));
  if (!ALERT_ID.test(id)) throw new UsageError(t('alerts.notAnAlertId'));
  if (!ctx.alerts) return watcherOff(t);
  const alert = await ctx.alerts.acknowledge(id, ctx.asker);
  // The trail records what happened: only the press that acknowledged an open alert is an acknowledgement.
  if (!alert)
    return {
      title: t('alerts.nothingToAck'),
      summary: t('alerts.noSuchFiring', { id }),
      visibility: 'private',
      tone: 'warning',
    };
  if (!alert.first)
    return {
      title: t('alerts.alreadyAckedTitle'),
      summary: t('alerts.alreadyAcked', { rule: alert.ruleId, who: alert.acknowledgedBy ?? t('alerts.someoneElse') }),
      visibility: 'private',
      tone: 'normal',
    };
  ctx.audit({ action: 'alert.acknowledge', target: id, asker: ctx.asker });
  const who = ctx.asker.displayName ?? ctx.asker.userId;
  return {
    title: t('alerts.ackedTitle', { rule: alert.ruleId }),
    summary: t('alerts.acked', { metric: alert.metric, source: alert.source, who }),
    visibility: 'public',
    tone: 'good',
    actionResult: true,
  };
}

async function silence(ctx: CommandContext, args: string[]): Promise<Reply> {
  const { t, fmt } = speech(ctx);
  if (!ctx.isSupervisor) throw new AccessDeniedError({ key: 'alerts.silenceForSupervisors' });
  const [ruleId, durationText = '1h', extra] = args;
  if (ruleId === undefined || extra !== undefined) throw new UsageError(t('alerts.silenceUsage'));
  const match = await ruleNamed(ctx, ruleId);
  const ms = parseDuration(durationText.toLowerCase());
  if (ms === undefined || ms < MIN_SILENCE_MS || ms > MAX_SILENCE_MS) throw new UsageError(t('alerts.notADuration', { text: echo(durationText) }));
  if (!ctx.alerts) return watcherOff(t);
  const result = await ctx.alerts.silence(match, ms, ctx.asker);
  ctx.audit({ action: 'alert.silence', target: `${match}:${durationText}`, asker: ctx.asker });
  if (!result)
    return {
      title: t('alerts.couldNotSilence', { rule: match }),
      summary: t('alerts.ruleNotKnownYet'),
      visibility: 'private',
      tone: 'warning',
    };
  const zone = ctx.sources.get(ruleSource(ctx.config, match))?.timeZone ?? 'UTC';
  return {
    title: t('alerts.silencedTitle', { rule: match }),
    summary: t('alerts.silencedSummary', {
      rule: match,
      time: fmt.time(result.until, zone),
      duration: fmt.duration(ms / 1000),
      who: ctx.asker.displayName ?? ctx.asker.userId,
    }),
    buttons: [unsilenceButton(match, t)],
    visibility: 'public',
    tone: 'good',
    actionResult: true,
  };
}

async function unsilence(ctx: CommandContext, args: string[]): Promise<Reply> {
  const { t, fmt } = speech(ctx);
  if (!ctx.isSupervisor) throw new AccessDeniedError({ key: 'alerts.unsilenceForSupervisors' });
  const [ruleId, extra] = args;
  if (ruleId === undefined || extra !== undefined) throw new UsageError(t('alerts.unsilenceUsage'));
  const match = await ruleNamed(ctx, ruleId);
  if (!ctx.alerts) return watcherOff(t);
  const lifted = await ctx.alerts.unsilence(match, ctx.asker);
  if (!lifted)
    return { title: t('alerts.notSilencedTitle', { rule: match }), summary: t('alerts.notSilenced', { rule: match }), visibility: 'private', tone: 'normal' };
  ctx.audit({ action: 'alert.unsilence', target: match, asker: ctx.asker });
  const zone = ctx.sources.get(ruleSource(ctx.config, match))?.timeZone ?? 'UTC';
  return {
    title: t('alerts.notifiesAgainTitle', { rule: match }),
    summary: t('alerts.notifiesAgain', { who: ctx.asker.displayName ?? ctx.asker.userId, rule: match, by: lifted.by, time: fmt.time(lifted.until, zone) }),
    visibility: 'public',
    tone: 'good',
    actionResult: true,
  };
}

function unsilenceButton(ruleId: string, t: Localized['t']): ReplyButton {
  return { label: t('alerts.button.unsilence'), action: 'run', value: `/alerts unsilence ${ruleId}` };
}

function alertSection(alert: AlertView, zone: string, now: Date, { t, fmt }: Localized): ReplySection {
  const phase = t(`alerts.phase.${alert.phase}`);
  const since = { time: fmt.time(alert.since, zone), age: fmt.age(alert.since, now) };
  if (alert.kind === 'no-figures') {
    const lines = [t('alerts.noFiguresLine', { source: alert.source, ...since })];
    if (alert.acknowledgedBy) lines.push(t('alerts.ackedByLine', { who: alert.acknowledgedBy }));
    return { heading: t('alerts.headingNoFigures', { source: alert.source, phase }), text: lines.join('\n') };
  }
  const threshold = `${alert.direction === 'above' ? '>' : '<'} ${alert.threshold}`;
  const metric = `${alert.metric}${alert.queue ? ` (${alert.queue})` : ''}`;
  const lines = [t('alerts.valueLine', { metric, source: alert.source, value: alert.value, threshold, peak: alert.peak }), t('alerts.sinceLine', since)];
  if (alert.reopens) {
    const times = t('alert.times', { count: alert.reopens });
    lines.push(t(alert.flapping ? 'alerts.firedAgainFlapping' : 'alerts.firedAgainLine', { times }));
  }
  if (alert.acknowledgedBy) lines.push(t('alerts.ackedByLine', { who: alert.acknowledgedBy }));
  return { heading: t('alerts.heading', { rule: alert.ruleId, phase, severity: t(`alert.severity.${alert.severity}`).toLowerCase() }), text: lines.join('\n') };
}

/** "mon–fri 08:00–18:00", "always" (day names as the configuration writes them). */
function activeHoursOf(rule: AlertRuleConfig, t: Localized['t']): string {
  const hours = rule.activeHours;
  if (!hours) return t('alerts.always');
  const order = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  const days = [...hours.days].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const consecutive = days.every((d, i) => i === 0 || order.indexOf(d) === order.indexOf(days[i - 1]!) + 1);
  const dayText = days.length === 7 ? t('alerts.everyDay') : consecutive && days.length > 2 ? `${days[0]}–${days[days.length - 1]}` : days.join(', ');
  return `${dayText} ${hours.from}–${hours.to}${hours.timeZone ? ` ${hours.timeZone}` : ''}`;
}

function ruleSource(config: Config, ruleId: string): string {
  const index = config.alerts.findIndex((rule, i) => ruleIdOf(rule, i) === ruleId);
  return config.alerts[index]?.source ?? '';
}

function watcherOff(t: Localized['t']): Reply {
  return {
    title: t('alerts.notWatchedTitle'),
    summary: t('alerts.notWatched'),
    visibility: 'private',
    tone: 'warning',
  };
}
