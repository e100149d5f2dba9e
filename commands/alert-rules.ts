import type { Reply, ReplyFormField, ReplySection } from '../src/reply/reply.js';
import { formValues } from '../src/reply/form.js';
import { AccessDeniedError, UsageError, type CommandContext } from '../src/router/types.js';
import { echo } from '../src/router/replies.js';
import { didYouMean } from '../src/util/suggest.js';
import { EDITABLE_FIELDS, showValue } from '../src/rules/rule-edit.js';
import { changeText, previewText } from '../src/rules/rule-replies.js';
import type { ChangeOutcome } from '../src/rules/rule-service.js';
import type { Localized } from '../src/i18n/index.js';
import { speech } from './common.js';
import { say } from '../src/domain/said.js';

/** The subcommands of `/alerts` that read or change rules. */
export const RULE_SUBCOMMANDS = new Set(['rules', 'set', 'on', 'off', 'undo', 'history', 'edit', 'apply', 'new', 'create']);

/**
 * `/alerts rules`, `/alerts set <rule> <field> <value> [--preview]`, `/alerts on|off|undo|history <rule>`:
 * rules tuned from the chat by rule editors (`access.ruleEditors`, default the supervisors),
 * checked by the file's schema, announced in the rule's channels with an Undo button.
 *
 * @example
 *   await ruleSubcommand(ctx, 'set', ['bogota-queue', 'above', '15', '--preview']);
 */
export async function ruleSubcommand(ctx: CommandContext, sub: string, args: string[]): Promise<Reply> {
  const { t } = speech(ctx);
  const editing = ctx.ruleEditing;
  if (!editing)
    return {
      title: t('rules.notWatchedTitle'),
      summary: t('rules.notWatched'),
      visibility: 'private',
      tone: 'warning',
    };
  if (sub === 'rules') return rulesReply(ctx);
  const preview = args.includes('--preview');
  const rest = args.filter((a) => a !== '--preview');
  if (sub === 'new' || sub === 'create') {
    if (!ctx.isRuleEditor) throw new AccessDeniedError({ key: 'rules.createForEditors' });
    if (sub === 'new') return newForm(ctx);
    const values = formValues(rest);
    const outcome = await editing.create(values, ctx.asker.displayName ?? ctx.asker.userId, { preview });
    if (outcome.kind === 'invalid') {
      const again = newForm(ctx, values);
      return { ...again, form: { ...again.form!, errors: errorsByField(outcome.problems, NEW_FIELDS) }, summary: outcome.problems.join('\n'), tone: 'warning' };
    }
    const id = outcome.ruleId ?? values.id ?? 'rule';
    if (outcome.kind === 'saved') ctx.audit({ action: 'rule.change', target: `${id} v1: ${outcome.version.change}`, asker: ctx.asker });
    return outcomeReply(ctx, id, outcome);
  }
  const ruleId = await ruleNamed(ctx, rest[0]);
  if (sub === 'history') return historyReply(ctx, ruleId);
  if (!ctx.isRuleEditor) throw new AccessDeniedError({ key: 'rules.changeForEditors' });
  const by = ctx.asker.displayName ?? ctx.asker.userId;
  if (sub === 'edit') return editForm(ctx, ruleId);
  let outcome: ChangeOutcome;
  if (sub === 'apply') {
    const values = formValues(rest.slice(1));
    // A form leaves an emptied field out: for the fields that may be absent, empty means off.
    for (const field of ['repeat', 'forecast', 'activeHours']) values[field] ??= 'off';
    outcome = await editing.setMany(ruleId, values, by, { preview });
    if (outcome.kind === 'invalid') {
      const again = await editForm(ctx, ruleId, values);
      return { ...again, form: { ...again.form!, errors: errorsByField(outcome.problems) }, summary: outcome.problems.join('\n'), tone: 'warning' };
    }
  } else if (sub === 'set') {
    const [, field, ...valueParts] = rest;
    if (!field || valueParts.length === 0) throw new UsageError(t('rules.setUsage', { rule: ruleId, fields: EDITABLE_FIELDS.join(', ') }));
    if (!(EDITABLE_FIELDS as readonly string[]).includes(field))
      throw new UsageError(
        t('rules.notEditable', { field: echo(field), hint: didYouMean(field, [...EDITABLE_FIELDS], '', t), fields: EDITABLE_FIELDS.join(', ') }),
      );
    outcome = await editing.set(ruleId, field, valueParts.join(' '), by, { preview });
  } else if (sub === 'on' || sub === 'off') {
    if (rest.length > 1) throw new UsageError(t('rules.oneRule', { sub }));
    outcome = await editing.enable(ruleId, sub === 'on', by);
  } else {
    if (rest.length > 1) throw new UsageError(t('rules.oneRule', { sub: 'undo' }));
    outcome = await editing.undo(ruleId, by);
  }
  if (outcome.kind === 'saved')
    ctx.audit({ action: 'rule.change', target: `${ruleId} v${outcome.version.version}: ${outcome.version.change}`, asker: ctx.asker });
  return outcomeReply(ctx, ruleId, outcome);
}

/** The rule's editable fields as a form, filled with its current values (or with what was submitted). */
async function editForm(ctx: CommandContext, ruleId: string, submitted?: Record<string, string>): Promise<Reply> {
  const { t } = speech(ctx);
  const entry = (await ctx.ruleEditing!.rules()).find((r) => r.id === ruleId)!;
  const rule = entry.rule as Record<string, unknown>;
  const durations = new Set(['for', 'repeat', 'forecast', 'reopenWithin']);
  const current = (field: string) => {
    const value = rule[field];
    if (value === undefined) return '';
    return showValue(field, typeof value === 'number' && durations.has(field) ? `${value}ms` : value);
  };
  const direction = rule.above !== undefined ? 'above' : 'below';
  const fields: ReplyFormField[] = EDITABLE_FIELDS.filter((f) => f !== (direction === 'above' ? 'below' : 'above')).map((name) => ({
    name,
    label: t(`rules.field.${name}`),
    value: submitted?.[name] !== undefined && submitted[name] !== 'off' ? submitted[name] : rule[name] === undefined ? '' : current(name),
    hint: hintOf(name, t),
    optional: name !== direction && name !== 'channels',
  }));
  return {
    title: t('rules.editTitle', { rule: ruleId }),
    summary: t('rules.editSummary', { rule: ruleId }),
    fields: fields.map((f) => ({ label: f.label, value: f.value || '—' })),
    // Slack allows 24 characters in a modal's title.
    form: { title: t('rules.editTitle', { rule: ruleId }).slice(0, 24), submit: `/alerts apply ${ruleId}`, submitLabel: t('rules.save'), fields },
    visibility: 'private',
  };
}

/** Fields whose form hint says how to write them. */
const HINTED = new Set(['for', 'repeat', 'forecast', 'reopenWithin', 'channels', 'activeHours', 'id', 'metric', 'above', 'severity']);

function hintOf(name: string, t: Localized['t']): string | undefined {
  return HINTED.has(name) ? t(`rules.hint.${name as 'for'}`) : undefined;
}

/** The fields of `/alerts new`: what a rule needs beyond what can be edited. */
const NEW_FIELDS = ['id', 'metric', 'source', 'queue', 'severity', ...EDITABLE_FIELDS] as const;

/** The form of a new rule: an id, the figure and source, a threshold, channels; the rest as for any rule. */
function newForm(ctx: CommandContext, submitted: Record<string, string> = {}): Reply {
  const { t } = speech(ctx);
  const sources = Object.keys(ctx.config.sources);
  const channels = Object.keys(ctx.config.channels);
  const fields: ReplyFormField[] = [
    { name: 'id', label: t('rules.field.id'), value: submitted.id, hint: hintOf('id', t) },
    { name: 'metric', label: t('rules.field.metric'), value: submitted.metric ?? 'queue.waiting', hint: hintOf('metric', t) },
    { name: 'source', label: t('rules.field.source'), value: submitted.source ?? (sources.length === 1 ? sources[0] : undefined), hint: sources.join(', ') },
    { name: 'queue', label: t('rules.field.queue'), value: submitted.queue, optional: true },
    { name: 'above', label: t('rules.field.above'), value: submitted.above, hint: hintOf('above', t), optional: true },
    { name: 'below', label: t('rules.field.below'), value: submitted.below, optional: true },
    { name: 'for', label: t('rules.field.for'), value: submitted.for ?? '2m', hint: hintOf('for', t), optional: true },
    { name: 'severity', label: t('rules.field.severity'), value: submitted.severity ?? 'warning', hint: hintOf('severity', t), optional: true },
    { name: 'channels', label: t('rules.field.channels'), value: submitted.channels ?? channels[0], hint: channels.join(', ') },
  ];
  return {
    title: t('rules.newTitle'),
    summary: t('rules.newSummary'),
    // Slack allows 24 characters in a modal's title.
    form: { title: t('rules.newTitle').slice(0, 24), submit: '/alerts create', submitLabel: t('rules.create'), fields },
    visibility: 'private',
  };
}

/** "above: expected a number" -> { above: "expected a number" }; a problem with no field goes to the first field it names or to all. */
function errorsByField(problems: readonly string[], known: readonly string[] = EDITABLE_FIELDS): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const problem of problems) {
    const match = /^([A-Za-z]+)(?:\[\d+\])?(?:\.[\w.]+)?: (.*)$/.exec(problem);
    const field =
      match && known.includes(match[1]!) ? match[1]! : known[0] === 'id' ? (problem.includes('above') || problem.includes('below') ? 'above' : 'id') : 'above';
    errors[field] = errors[field] ? `${errors[field]}; ${match?.[2] ?? problem}` : (match?.[2] ?? problem);
  }
  return errors;
}

function outcomeReply(ctx: CommandContext, ruleId: string, outcome: ChangeOutcome): Reply {
  const said = speech(ctx);
  const { t } = said;
  const zone = zoneOfRule(ctx, ruleId);
  switch (outcome.kind) {
    case 'invalid':
      return { title: t('rules.notChanged', { rule: ruleId }), summary: outcome.problems.join('\n'), visibility: 'private', tone: 'warning' };
    case 'unchanged':
      return {
        title: t('rules.notChanged', { rule: ruleId }),
        summary: outcome.said ? say(outcome.said, t) : outcome.message,
        visibility: 'private',
        tone: 'normal',
      };
    case 'conflict':
      return {
        title: t('rules.notChanged', { rule: ruleId }),
        summary: t('rules.conflict'),
        visibility: 'private',
        tone: 'warning',
      };
    case 'preview':
      return {
        title: t('rules.previewTitle', { rule: ruleId, change: changeText(outcome.change, said) }),
        summary: t('rules.previewSummary', { preview: previewText(outcome.preview, zone, said) }),
        buttons: [{ label: t('rules.saveIt'), action: 'run', value: ctx.commandText?.replace(/\s--preview\b/, '') ?? `/alerts rules` }],
        visibility: 'private',
      };
    case 'saved':
      return {
        title: t('rules.changedTitle', { rule: ruleId, change: changeText(outcome.version.change, said) }),
        summary: t('rules.changedSummary', { preview: previewText(outcome.preview, zone, said) }),
        buttons: [{ label: t('rules.undo'), action: 'run', value: `/alerts undo ${ruleId}` }],
        visibility: 'private',
        tone: 'good',
      };
  }
}

async function rulesReply(ctx: CommandContext): Promise<Reply> {
  const { t, fmt } = speech(ctx);
  const all = await ctx.ruleEditing!.rules();
  const sections: ReplySection[] = all.map(({ id, rule, enabled, origin, problems }) => {
    const zone = zoneOfRule(ctx, id);
    const metric = `${rule.metric}${rule.queue ? ` (${rule.queue})` : ''}`;
    const threshold =
      rule.above !== undefined
        ? t('rules.line.above', { metric, source: rule.source, value: rule.above })
        : t('rules.line.below', { metric, source: rule.source, value: rule.below });
    // Durations and hours as a rule editor types them (2m, mon-fri 08:00-18:00).
    const timing = [
      t('rules.line.timing', {
        for: showValue('for', `${rule.for}ms`),
        hysteresis: rule.hysteresis,
        reopen: showValue('reopenWithin', `${rule.reopenWithin}ms`),
      }),
      ...(rule.repeat ? [t('rules.line.repeat', { value: showValue('repeat', `${rule.repeat}ms`) })] : []),
      ...(rule.forecast ? [t('rules.line.forecast', { value: showValue('forecast', `${rule.forecast}ms`) })] : []),
    ];
    const changed = { by: origin.from === 'file' ? '' : origin.by, time: origin.from === 'file' ? '' : fmt.time(origin.at, zone) };
    const lines = [
      `${threshold}, ${timing.join(', ')}`,
      t('rules.line.channels', {
        channels: rule.channels.join(', '),
        active: rule.activeHours ? showValue('activeHours', rule.activeHours) : t('alerts.always'),
      }),
      origin.from === 'file'
        ? t('rules.fromFile')
        : origin.fields.length
          ? t('rules.changedInChatFields', { ...changed, version: origin.version, fields: origin.fields.join(', ') })
          : t('rules.changedInChat', { ...changed, version: origin.version }),
    ];
    if (problems) lines.push(t('rules.noLongerFits', { problems: problems.join('; ') }));
    return { heading: `${id} — ${t(enabled ? 'rules.on' : 'rules.off')}`, text: lines.join('\n') };
  });
  return {
    title: t('rules.title'),
    summary: all.length ? t('rules.summary', { count: all.length }) : t('alerts.noRules'),
    sections,
    visibility: 'private',
  };
}

async function historyReply(ctx: CommandContext, ruleId: string): Promise<Reply> {
  const said = speech(ctx);
  const { t, fmt } = said;
  const versions = await ctx.ruleEditing!.history(ruleId);
  const zone = zoneOfRule(ctx, ruleId);
  return {
    title: t('rules.historyTitle', { rule: ruleId }),
    summary: versions.length ? t('rules.history', { count: versions.length }) : t('rules.asTheFileSays', { rule: ruleId }),
    sections: versions.length
      ? [
          {
            text: [...versions]
              .reverse()
              .map((v) => `v${v.version} · ${fmt.time(v.at, zone)} · ${v.by}: ${changeText(v.change, said)}`)
              .join('\n'),
          },
        ]
      : undefined,
    buttons: versions.length ? [{ label: t('rules.undoLast'), action: 'run', value: `/alerts undo ${ruleId}` }] : undefined,
    visibility: 'private',
  };
}

/** A rule of the file or one created in chat, named case-insensitively; usage help naming the rules otherwise. */
export async function ruleNamed(ctx: CommandContext, ruleId: string | undefined): Promise<string> {
  const ids = ctx.ruleEditing ? (await ctx.ruleEditing.rules()).map((r) => r.id) : ctx.config.alerts.map((r, i) => r.id ?? `${r.metric}-${r.source}-${i}`);
  const { t } = speech(ctx);
  if (ruleId === undefined) throw new UsageError(t('rules.nameARule', { ids: ids.join(', ') || t('rules.noneConfigured') }));
  const match = ids.find((id) => id.toLowerCase() === ruleId.toLowerCase());
  if (!match)
    throw new UsageError(
      ids.length ? t('rules.noSuchRule', { rule: echo(ruleId), hint: didYouMean(ruleId, ids, '', t), ids: ids.join(', ') }) : t('rules.noRules'),
    );
  return match;
}

function zoneOfRule(ctx: CommandContext, ruleId: string): string {
  const rule = ctx.config.alerts.find((r, i) => (r.id ?? `${r.metric}-${r.source}-${i}`) === ruleId);
  const source = rule?.source ?? (Object.keys(ctx.config.sources).length === 1 ? Object.keys(ctx.config.sources)[0] : undefined);
  return (source && ctx.sources.get(source)?.timeZone) ?? 'UTC';
}
