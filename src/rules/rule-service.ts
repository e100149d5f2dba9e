import { inEnglish, type Said } from '../domain/said.js';
import type { Config } from '../config/schema.js';
import type { History } from '../history/index.js';
import type { Reply } from '../reply/reply.js';
import { resolveRules, type WatchRule } from '../watcher/model/rules.js';
import { rawOf } from './raw-rule.js';
import { applyOverrides, checkRule, isEditableField, parseFieldValue, showValue, EDITABLE_FIELDS, type EditableField, type Overrides } from './rule-edit.js';
import type { RuleStore } from './rule-store.js';
import { previewChange, samplesFor, type Preview } from './preview.js';
import { effectiveRules, undoTarget, type EffectiveRules, type RuleVersion } from './versions.js';
import { announcement } from './rule-replies.js';

/** The outcome of a change: saved (or only previewed), refused with the schema's words, or beaten by another change. */
export type ChangeOutcome =
  | { kind: 'saved'; version: RuleVersion; preview?: Preview }
  | { kind: 'preview'; change: string; preview?: Preview }
  | { kind: 'invalid'; problems: string[] }
  | { kind: 'unchanged'; message: string; said?: Said }
  | { kind: 'conflict' };

/** What `/alerts rules|set|on|off|undo|history` need: rule changes from the chat, as versions over the file. */
export interface RuleEditing {
  rules(): Promise<EffectiveRules['all']>;
  set(ruleId: string, field: string, value: string, by: string, options?: { preview?: boolean }): Promise<ChangeOutcome>;
  /** A new rule (not in the file), from the fields of `/alerts new`. */
  create(values: Record<string, string>, by: string, options?: { preview?: boolean }): Promise<ChangeOutcome & { ruleId?: string }>;
  /** Several fields in one version (a form). */
  setMany(ruleId: string, values: Record<string, string>, by: string, options?: { preview?: boolean }): Promise<ChangeOutcome>;
  enable(ruleId: string, enabled: boolean, by: string): Promise<ChangeOutcome>;
  undo(ruleId: string, by: string): Promise<ChangeOutcome>;
  history(ruleId: string): Promise<RuleVersion[]>;
  /** The rules to watch now (every replica's poll reads them). */
  watched(): Promise<WatchRule[]>;
}

export interface RuleEditingOptions {
  config: Config;
  store: RuleStore;
  history?: History;
  /** Posts a change's announcement to the rule's channels (the watcher's outbox); absent: not announced. */
  announce?: (channels: readonly string[], reply: Reply) => Promise<void>;
  now: () => Date;
  /** The time zone a source's times are read in. */
  zoneOf: (sourceId: string) => string;
  /** The language of a source's posts (`sources.<id>.locale`): a change's announcement speaks it. */
  localeOf?: (sourceId: string) => string | undefined;
  /** Sources the watcher polls: a rule created in chat must watch one of them. */
  watchedSources?: ReadonlySet<string>;
}

/**
 * Rule changes made in chat: checked by the file's schema, saved as a new version (optimistic: a
 * change made meanwhile by someone else is not overwritten), announced in the rule's channels
 * with an Undo button, and previewed from History (what the changed rule would have done over
 * the last 7 days, through the watcher's own evaluation).
 *
 * @example
 *   const editing = createRuleEditing({ config, store, history, announce, now, zoneOf });
 *   await editing.set('bogota-queue', 'above', '15', 'Ana', { preview: true });
 */
export function createRuleEditing(options: RuleEditingOptions): RuleEditing {
  const { config, store, now } = options;

  async function current() {
    const latest = await store.latest();
    return { latest, effective: effectiveRules(config, latest) };
  }

  async function preview(before: WatchRule | undefined, after: WatchRule | undefined): Promise<Preview | undefined> {
    if (!options.history || !before || !after || after.metric === 'chats.unanswered') return undefined;
    const samples = await samplesFor(options.history, after, now());
    return samples.length > 0 ? previewChange(before, after, samples, options.zoneOf(after.source), now()) : undefined;
  }

  async function save(
    ruleId: string,
    next: { overrides: Overrides; enabled: boolean },
    changeText: string,
    by: string,
    previewOnly: boolean,
  ): Promise<ChangeOutcome> {
    const { latest, effective } = await current();
    const entry = effective.all.find((r) => r.id === ruleId)!;
    const fileRule = config.alerts.find((_r, i) => effective.all[i]!.id === ruleId);
    const created = latest.get(ruleId)?.created === true;
    const checked = checkRule(applyOverrides(fileRule ? rawOf(fileRule) : {}, next.overrides), ruleId, config);
    if (!checked.ok) return { kind: 'invalid', problems: checked.problems };
    let change = changeText;
    const watch = (rule: typeof checked.rule) => resolveRules({ ...config, alerts: [rule] }).rules[0];
    const shown = await preview(watch(entry.rule), watch(checked.rule));
    if (change === 'undo') change = `undo: ${diffText(entry.rule, checked.rule, entry.enabled, next.enabled) || 'no change'}`;
    if (previewOnly) return { kind: 'preview', change, preview: shown };
    const after = latest.get(ruleId)?.version ?? 0;
    const version = await store.append(
      { ruleId, overrides: next.overrides, enabled: next.enabled, by, at: now().toISOString(), change, ...(created ? { created } : {}) },
      after,
    );
    if (!version) return { kind: 'conflict' };
    const channels = resolveRules({ ...config, alerts: [entry.rule, checked.rule] }).rules.flatMap((r) => r.channels);
    await options.announce?.(
      [...new Set(channels)],
      announcement(version, shown, options.zoneOf(checked.rule.source), options.localeOf?.(checked.rule.source)),
    );
    return { kind: 'saved', version, preview: shown };
  }

  /** "above 5 → 10, for 0s → 2m", "turned on". */
  function diffText(before: Record<string, unknown>, after: Record<string, unknown>, wasOn: boolean, isOn: boolean): string {
    const parts: string[] = [];
    if (wasOn !== isOn) parts.push(isOn ? 'turned on' : 'turned off');
    for (const field of EDITABLE_FIELDS) {
      const a = shownOf(field, before[field]);
      const b = shownOf(field, after[field]);
      if (a !== b) parts.push(`${field} ${a} → ${b}`);
    }
    return parts.join(', ');
  }

  function find(effective: EffectiveRules, ruleId: string) {
    return effective.all.find((r) => r.id === ruleId);
  }

  const editing: RuleEditing = {
    async rules() {
      return (await current()).effective.all;
    },

    async create(values, by, opts = {}) {
      const { id, metric, source, queue, severity, ...fields } = values;
      const problems: string[] = [];
      if (!id || !/^[a-z0-9][a-z0-9_-]{0,62}$/i.test(id))
        problems.push('id: name the rule with letters, digits, "-" or "_" (it is how /alerts and the buttons name it)');
      const { effective } = await current();
      if (id && effective.all.some((r) => r.id.toLowerCase() === id.toLowerCase())) problems.push(`id: there is already a rule "${id}"`);
      if (source && options.watchedSources && !options.watchedSources.has(source))
        problems.push(
          `source: the watcher polls ${[...options.watchedSources].join(', ') || 'no source'}; a rule on ${source} needs a rule in the file first (or a restart after adding one)`,
        );
      const unknown = Object.keys(fields).filter((f) => !isEditableField(f));
      for (const field of unknown) problems.push(`${field}: not a field of a rule made in chat`);
      if (problems.length) return { kind: 'invalid', problems };
      const raw: Overrides & Record<string, unknown> = { metric, source, ...(queue ? { queue } : {}), ...(severity ? { severity } : {}) };
      for (const [field, text] of Object.entries(fields)) {
        const parsed = parseFieldValue(field as EditableField, text);
        if (parsed !== null && text.trim() !== '') raw[field] = parsed;
      }
      const checked = checkRule(raw, id!, config);
      if (!checked.ok) return { kind: 'invalid', problems: checked.problems };
      const change = `created: ${checked.rule.metric}${checked.rule.queue ? ` (${checked.rule.queue})` : ''} on ${checked.rule.source} ${checked.rule.above !== undefined ? `above ${checked.rule.above}` : `below ${checked.rule.below}`}`;
      const watch = resolveRules({ ...config, alerts: [checked.rule] }).rules[0];
      const replayed = await preview(watch, watch);
      // A new rule: nothing fired before it.
      const shown = replayed && { ...replayed, before: [], beforeToday: 0 };
      if (opts.preview) return { kind: 'preview', change, preview: shown, ruleId: id };
      const version = await store.append({ ruleId: id!, overrides: raw, enabled: true, by, at: now().toISOString(), change, created: true }, 0);
      if (!version) return { kind: 'conflict' };
      await options.announce?.(
        watch?.channels ?? [],
        announcement(version, shown, options.zoneOf(checked.rule.source), options.localeOf?.(checked.rule.source)),
      );
      return { kind: 'saved', version, preview: shown, ruleId: id };
    },

    set(ruleId, field, value, by, opts = {}) {
      return editing.setMany(ruleId, { [field]: value }, by, opts);
    },

    async setMany(ruleId, values, by, opts = {}) {
      const unknown = Object.keys(values).filter((field) => !isEditableField(field));
      if (unknown.length)
        return { kind: 'invalid', problems: unknown.map((field) => `${field}: cannot be changed from the chat; fields: ${EDITABLE_FIELDS.join(', ')}`) };
      const { latest, effective } = await current();
      const entry = find(effective, ruleId);
      if (!entry) return { kind: 'invalid', problems: [`there is no rule "${ruleId}"`] };
      const overrides: Overrides = { ...(latest.get(ruleId)?.overrides ?? {}) };
      const changes: string[] = [];
      for (const [field, text] of Object.entries(values)) {
        const parsed = parseFieldValue(field as EditableField, text);
        const before = shownOf(field, (entry.rule as Record<string, unknown>)[field]);
        const after = showValue(field, parsed);
        if (before === after) continue;
        overrides[field as EditableField] = parsed;
        if (field === 'above') overrides.below = undefined;
        if (field === 'below') overrides.above = undefined;
        changes.push(`${field} ${before} → ${after}`);
      }
      if (changes.length === 0) {
        const has = Object.entries(values)
          .map(([f, v]) => `${f} ${showValue(f, parseFieldValue(f as EditableField, v))}`)
          .join(', ');
        return unchanged({ key: 'rules.alreadyHas', values: { rule: ruleId, has } });
      }
      const cleaned = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) as Overrides;
      return save(ruleId, { overrides: cleaned, enabled: entry.enabled }, changes.join(', '), by, Boolean(opts.preview));
    },

    async enable(ruleId, enabled, by) {
      const { latest, effective } = await current();
      const entry = find(effective, ruleId);
      if (!entry) return { kind: 'invalid', problems: [`there is no rule "${ruleId}"`] };
      if (entry.enabled === enabled) return unchanged({ key: enabled ? 'rules.alreadyOn' : 'rules.alreadyOff', values: { rule: ruleId } });
      return save(ruleId, { overrides: latest.get(ruleId)?.overrides ?? {}, enabled }, enabled ? 'turned on' : 'turned off', by, false);
    },

    async undo(ruleId, by) {
      const { effective } = await current();
      if (!find(effective, ruleId)) return { kind: 'invalid', problems: [`there is no rule "${ruleId}"`] };
      const versions = await store.history(ruleId);
      const target = undoTarget(versions);
      if (!target) return unchanged({ key: 'rules.asTheFileSays', values: { rule: ruleId } });
      return save(ruleId, target, 'undo', by, false);
    },

    history: (ruleId) => store.history(ruleId),

    async watched() {
      const { effective } = await current();
      return resolveRules({ ...config, alerts: effective.alerts }).rules;
    },
  };
  return editing;
}

/** A parsed rule's field as a supervisor would write it (durations are milliseconds once parsed). */
function shownOf(field: string, value: unknown): string {
  return showValue(field, typeof value === 'number' && ['for', 'repeat', 'forecast', 'reopenWithin'].includes(field) ? `${value}ms` : value);
}

/** Nothing to change: said in the asker's language, with the English for logs and tests. */
function unchanged(said: Said): ChangeOutcome {
  return { kind: 'unchanged', message: inEnglish(said), said };
}
