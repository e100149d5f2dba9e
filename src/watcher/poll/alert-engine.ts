import { randomUUID } from 'node:crypto';
import type { Logger } from '../../log/logger.js';
import type { Metrics } from '../../metrics/metrics.js';
import { reminderNote, reopenedNote, resolvedNote } from '../post/alert-replies.js';
import { isActive } from '../model/active-hours.js';
import { evaluate, type Notice } from '../evaluate/evaluate.js';
import {
  DEFAULT_TUNING,
  forecastStep,
  PAST_DAY_SPREAD_MS,
  PAST_DAYS,
  pastDaysOf,
  WARNING_HISTORY_MS,
  withForecastFields,
  type PastDays,
} from '../evaluate/early-warning.js';
import { ALL_QUEUES, type History } from '../../history/index.js';
import type { Point } from '../../forecast/trend.js';
import type { SourceSnapshot } from './poll-source.js';
import { seriesKey, type WatchRule } from '../model/rules.js';
import { figuresRuleId, sourceFiguresStep } from '../evaluate/source-figures.js';
import type { WatcherStore } from '../store/store.js';
import type { Reply } from '../../reply/reply.js';
import { localized } from '../../i18n/index.js';
import type { AlertRecord, Commit, Delivery, RuleState } from '../model/types.js';

export interface AlertEngineDeps {
  store: WatcherStore;
  logger: Logger;
  metrics?: Metrics;
  now: () => Date;
  /** Lease token fencing the commit (undefined in memory mode). */
  fence: () => string | undefined;
  /** Called after a commit queued deliveries. */
  onQueued: () => void;
  /** Where early warnings read the recent polls from; without it each rule keeps its own. */
  history?: History;
  /** The language of a source's posts (its `locale` in the configuration); absent: English. */
  localeOf?: (sourceId: string) => string | undefined;
}

/** Where a source's alerts are shown and read. */
export interface SourceFacts {
  label: string;
  timeZone: string;
}

/**
 * Evaluates a source's rules against its latest snapshot and commits the new states, alerts and
 * deliveries in one write. Returns false when the commit was refused because this replica no
 * longer holds the leader lease (nothing was written, the new leader will decide).
 *
 * @example
 *   await applySnapshot(deps, snapshot, rulesOf('bogota'), { label: 'Bogotá', timeZone: 'America/Bogota' });
 */
export async function applySnapshot(deps: AlertEngineDeps, snapshot: SourceSnapshot, rules: readonly WatchRule[], facts: SourceFacts): Promise<boolean> {
  if (rules.length === 0) return true;
  const { store } = deps;
  const now = deps.now();
  const figuresId = figuresRuleId(snapshot.source);
  const states = await store.ruleStates([...rules.map((r) => r.id), figuresId]);
  const openIds = [...states.values()].flatMap((s) => [s.alertId, s.warningId]).filter((id): id is string => id !== undefined);
  // Alerts that recovered lately: a breach within the rule's reopen window reopens them.
  const recentIds = [...states.values()].flatMap((s) => (s.lastAlertId ? [s.lastAlertId] : []));
  const [alerts, recents, acks, silences] = await Promise.all([
    Promise.all(openIds.map((id) => store.alert(id))),
    Promise.all(recentIds.map((id) => store.alert(id))),
    store.acks(openIds),
    store.silences(now.getTime()),
  ]);
  const openById = new Map(alerts.filter((a): a is AlertRecord => a !== undefined && !a.resolvedAt).map((a) => [a.id, a]));
  const silenced = new Set(silences.map((s) => s.ruleId));
  const recentById = new Map(recents.filter((a): a is AlertRecord => a !== undefined).map((a) => [a.id, a]));

  const commit: Commit = { rules: [], alerts: [], deliveries: [] };
  for (const rule of rules) {
    const previous: RuleState = states.get(rule.id) ?? { ruleId: rule.id, seq: 0 };
    const open = previous.alertId ? openById.get(previous.alertId) : undefined;
    // An alert that expired from the store cannot be updated any more: start over.
    const state = previous.alertId && !open ? { ruleId: rule.id, seq: previous.seq } : previous;
    const input = {
      value: snapshot.values.get(seriesKey(rule)),
      now,
      active: isActive(rule.activeHours, now, facts.timeZone),
      silenced: silenced.has(rule.id),
      sourceLabel: facts.label,
      timeZone: facts.timeZone,
    };
    const recent = state.lastAlertId ? recentById.get(state.lastAlertId) : undefined;
    const result = evaluate(rule, state, open, { ...input, acknowledged: open ? acks.has(open.id) : false, recent });
    const warning = rule.forecastMs && state.warningId ? openById.get(state.warningId) : undefined;
    const points = rule.forecastMs ? await recentPoints(deps, snapshot.source, rule, now, input.value) : undefined;
    // The past days are read only when a new warning could open (none open, no alert firing).
    const pastDays = rule.forecastMs && !warning && !firingOf(result.alert) ? await pastDaysAround(deps, snapshot.source, rule, now) : undefined;
    const early = rule.forecastMs
      ? forecastStep(rule, withForecastFields(result.state, state), warning, {
          ...input,
          alert: firingOf(result.alert),
          alertJustFired: result.alert !== open && firingOf(result.alert) !== undefined,
          points,
          pastDays,
        })
      : undefined;
    if (early?.warnedBy && result.alert) result.alert = { ...result.alert, warnedBy: early.warnedBy };
    if (!result.changed && !early?.changed && state === previous) continue;
    commit.rules.push(early?.state ?? result.state);
    // The warning's end first, so its message says "became the alert" before the alert is posted.
    if (early?.warning && early.warning !== warning) commit.alerts.push(early.warning);
    if (early?.warning) commit.deliveries.push(...toDeliveries(early.notices, early.warning, now, deps.localeOf?.(early.warning.source)));
    if (result.alert && result.alert !== open) commit.alerts.push(result.alert);
    if (result.reopened)
      deps.logger.info(
        { rule: rule.id, alert: result.alert?.id, reopens: result.alert?.reopens },
        'watcher: an alert fired again soon after resolving; its message is reopened, not posted anew',
      );
    if (result.alert) commit.deliveries.push(...toDeliveries(result.notices, result.alert, now, deps.localeOf?.(result.alert.source)));
  }
  // Nothing read at all from the source, poll after poll: an alert of its own.
  const figuresState: RuleState = states.get(figuresId) ?? { ruleId: figuresId, seq: 0 };
  const figuresOpen = figuresState.alertId ? openById.get(figuresState.alertId) : undefined;
  const read = rules.some((rule) => snapshot.values.has(seriesKey(rule)));
  const figures = sourceFiguresStep(figuresState, figuresOpen, {
    read,
    failed: snapshot.failures.length > 0,
    now,
    source: snapshot.source,
    sourceLabel: facts.label,
    timeZone: facts.timeZone,
    rules,
  });
  if (figures.changed) {
    commit.rules.push(figures.state);
    if (figures.alert && figures.alert !== figuresOpen) commit.alerts.push(figures.alert);
    if (figures.alert) commit.deliveries.push(...toDeliveries(figures.notices, figures.alert, now, deps.localeOf?.(figures.alert.source)));
    if (figures.alert && !figuresOpen)
      deps.logger.warn(
        { source: snapshot.source, since: figures.alert.since },
        'watcher: no figures could be read from a source for several polls; posted an alert',
      );
  }
  return save(deps, commit);
}

/**
 * Ends open alerts whose rule is no longer configured (the configuration changed across a
 * restart), updating their messages in place, so nothing stays "firing" for ever.
 */
export async function closeOrphans(deps: AlertEngineDeps, known: ReadonlySet<string>): Promise<boolean> {
  const open = await deps.store.openAlerts();
  const orphans = open.filter((a) => !known.has(a.ruleId));
  if (orphans.length === 0) return true;
  const now = deps.now();
  const commit: Commit = { rules: [], alerts: [], deliveries: [] };
  for (const alert of orphans) {
    const ended: AlertRecord = { ...alert, resolvedAt: now.toISOString(), endReason: 'rule-removed' };
    commit.alerts.push(ended);
    if (alert.posted)
      commit.deliveries.push(
        ...toDeliveries(
          alert.channels.map((channel) => ({ kind: 'update', channel })),
          ended,
          now,
          deps.localeOf?.(ended.source),
        ),
      );
  }
  deps.logger.info({ alerts: orphans.map((a) => a.id) }, 'watcher: closed alerts whose rule is no longer configured');
  return save(deps, commit);
}

async function save(deps: AlertEngineDeps, commit: Commit): Promise<boolean> {
  if (commit.rules.length === 0 && commit.alerts.length === 0) return true;
  const ok = await deps.store.commit(commit, deps.fence());
  if (!ok) {
    deps.logger.warn('watcher: this replica lost the leader lease before saving; the new leader decides instead');
    return false;
  }
  if (commit.alerts.length) await refreshFiringGauge(deps);
  if (commit.deliveries.length) deps.onQueued();
  return true;
}

/** Sets `chatops_alerts_firing` from the store (firing or acknowledged, by severity). */
export async function refreshFiringGauge(deps: Pick<AlertEngineDeps, 'store' | 'metrics'>): Promise<void> {
  if (!deps.metrics) return;
  const counts = { info: 0, warning: 0, critical: 0 };
  for (const alert of await deps.store.openAlerts()) if (!alert.forecast) counts[alert.severity] += 1;
  for (const [severity, n] of Object.entries(counts)) deps.metrics.alertsFiring.set({ severity }, n);
}

/** Notices as outbox deliveries; thread texts are fixed now, alert messages render when sent. */
export function toDeliveries(notices: readonly Notice[], alert: AlertRecord, now: Date, locale?: string): Delivery[] {
  const said = localized(locale);
  const inLanguage = (reply: Reply): Reply => (said.locale === 'en' ? reply : { ...reply, locale: said.locale });
  // Real time, not the injected clock: the outbox ages deliveries by the wall clock.
  const createdAt = new Date().toISOString();
  return notices.map((notice): Delivery => {
    const id = randomUUID();
    switch (notice.kind) {
      case 'post':
        return { kind: 'post', id, channel: notice.channel, alertId: alert.id, mention: notice.mention, createdAt };
      case 'update':
        return { kind: 'update', id, channel: notice.channel, alertId: alert.id, createdAt };
      case 'resolved-note':
        return { kind: 'thread', id, channel: notice.channel, alertId: alert.id, reply: inLanguage(resolvedNote(alert, said)), createdAt };
      case 'reminder':
        return { kind: 'thread', id, channel: notice.channel, alertId: alert.id, reply: inLanguage(reminderNote(alert, now, said)), createdAt };
      case 'reopened-note':
        return { kind: 'thread', id, channel: notice.channel, alertId: alert.id, reply: inLanguage(reopenedNote(alert, said)), createdAt };
    }
  });
}

function firingOf(alert: AlertRecord | undefined): AlertRecord | undefined {
  return alert && !alert.resolvedAt ? alert : undefined;
}

/**
 * The rule's series over the trend window from history (this poll included), or undefined when
 * there is no history, it does not keep this metric, or it could not be read: the rule's own
 * recent points are used then.
 */
async function recentPoints(deps: AlertEngineDeps, source: string, rule: WatchRule, now: Date, value: number | undefined): Promise<Point[] | undefined> {
  if (!deps.history || rule.metric === 'chats.unanswered') return undefined;
  try {
    const samples = await deps.history.range(source, rule.queue ?? ALL_QUEUES, new Date(now.getTime() - WARNING_HISTORY_MS), now);
    const points = samples.flatMap((s) => (s.figures[rule.metric] === undefined ? [] : [{ at: s.at, value: s.figures[rule.metric]! }]));
    if (value !== undefined && (points.length === 0 || points[points.length - 1]!.at < now.getTime())) points.push({ at: now.getTime(), value });
    return points.length > 1 ? points : undefined;
  } catch (error) {
    deps.logger.warn(
      { source, rule: rule.id, err: (error as Error).message },
      "watcher: could not read history for an early warning; using the rule's own recent polls",
    );
    return undefined;
  }
}

/**
 * The rule's figure around this time of day on each of the past days (`PAST_DAYS`), from history,
 * as the early warning's gate reads it; undefined without history or when it could not be read
 * (the gate then does not apply).
 */
async function pastDaysAround(deps: AlertEngineDeps, source: string, rule: WatchRule, now: Date): Promise<PastDays | undefined> {
  if (!deps.history || rule.metric === 'chats.unanswered' || DEFAULT_TUNING.minPastShare <= 0) return undefined;
  const history = deps.history;
  try {
    const days = await Promise.all(
      Array.from({ length: PAST_DAYS }, async (_, i) => {
        const at = now.getTime() - (i + 1) * 86_400_000;
        const samples = await history.range(source, rule.queue ?? ALL_QUEUES, new Date(at - PAST_DAY_SPREAD_MS), new Date(at + PAST_DAY_SPREAD_MS));
        return samples.flatMap((s) => (s.figures[rule.metric] === undefined ? [] : [{ at: s.at, value: s.figures[rule.metric]! }]));
      }),
    );
    return pastDaysOf(rule, days);
  } catch (error) {
    deps.logger.warn(
      { source, rule: rule.id, err: (error as Error).message },
      'watcher: could not read past days from history for an early warning; warning on the trend alone',
    );
    return undefined;
  }
}
