import type { Reply, ReplyFormField, ReplySection } from '../src/reply/reply.js';
import { formValues } from '../src/reply/form.js';
import { formatLocalTime } from '../src/reply/format.js';
import { AccessDeniedError, UsageError, type CommandContext } from '../src/router/types.js';
import { echo } from '../src/router/replies.js';
import { didYouMean } from '../src/util/suggest.js';
import { EDITABLE_FIELDS, showValue } from '../src/rules/rule-edit.js';
import { previewText } from '../src/rules/rule-replies.js';
import type { ChangeOutcome } from '../src/rules/rule-service.js';

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
  const editing = ctx.ruleEditing;
  if (!editing)
    return {
      title: 'Rules are not watched here',
      summary: 'The watcher is not running in this bot process, so its rules cannot be read or changed here.',
      visibility: 'private',
      tone: 'warning',
    };
  if (sub === 'rules') return rulesReply(ctx);
  const preview = args.includes('--preview');
  const rest = args.filter((a) => a !== '--preview');
  if (sub === 'new' || sub === 'create') {
    if (!ctx.isRuleEditor)
      throw new AccessDeniedError(
        'Creating alert rules is for rule editors (access.ruleEditors; by default the supervisors). Ask your administrator to add you.',
      );
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
  if (!ctx.isRuleEditor)
    throw new AccessDeniedError(
      'Changing alert rules is for rule editors (access.ruleEditors; by default the supervisors). Ask your administrator to add you.',
    );
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
    if (!field || valueParts.length === 0)
      throw new UsageError(`Name a field and its new value: /alerts set ${ruleId} above 15. Fields: ${EDITABLE_FIELDS.join(', ')}.`);
    if (!(EDITABLE_FIELDS as readonly string[]).includes(field))
      throw new UsageError(
        `"${echo(field)}" cannot be changed from the chat.${didYouMean(field, [...EDITABLE_FIELDS])} Fields: ${EDITABLE_FIELDS.join(', ')}.`,
      );
    outcome = await editing.set(ruleId, field, valueParts.join(' '), by, { preview });
  } else if (sub === 'on' || sub === 'off') {
    if (rest.length > 1) throw new UsageError(`Name one rule: /alerts ${sub} <rule>.`);
    outcome = await editing.enable(ruleId, sub === 'on', by);
  } else {
    if (rest.length > 1) throw new UsageError('Name one rule: /alerts undo <rule>.');
    outcome = await editing.undo(ruleId, by);
  }
  if (outcome.kind === 'saved')
    ctx.audit({ action: 'rule.change', target: `${ruleId} v${outcome.version.version}: ${outcome.version.change}`, asker: ctx.asker });
  return outcomeReply(ctx, ruleId, outcome);
}

/** The rule's editable fields as a form, filled with its current values (or with what was submitted). */
async function editForm(ctx: CommandContext, ruleId: string, submitted?: Record<string, string>): Promise<Reply> {
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
    label: FIELD_LABELS[name],
    value: submitted?.[name] !== undefined && submitted[name] !== 'off' ? submitted[name] : rule[name] === undefined ? '' : current(name),
    hint: FIELD_HINTS[name],
    optional: name !== direction && name !== 'channels',
  }));
  return {
    title: `Edit ${ruleId}`,
    summary: `Change any field and save; each change is checked like the file, announced in the rule's channels, and can be undone. Typed instead: /alerts set ${ruleId} <field> <value>.`,
    fields: fields.map((f) => ({ label: f.label, value: f.value || '—' })),
    form: { title: `Edit ${ruleId}`.slice(0, 24), submit: `/alerts apply ${ruleId}`, submitLabel: 'Save', fields },
    visibility: 'private',
  };
}

const FIELD_LABELS: Record<(typeof EDITABLE_FIELDS)[number], string> = {
  above: 'Fire above',
  below: 'Fire below',
  for: 'Must hold for',
  hysteresis: 'Resolve only this far back (hysteresis)',
  repeat: 'Remind every',
  forecast: 'Early warning ahead',
  reopenWithin: 'Reopen within',
  channels: 'Channels',
  activeHours: 'Active hours',
};

const FIELD_HINTS: Partial<Record<(typeof EDITABLE_FIELDS)[number], string>> = {
  for: 'A duration such as 2m or 90s; 0s: at once',
  repeat: 'A duration such as 30m; empty: no reminders',
  forecast: 'A duration such as 15m; empty: no early warning',
  reopenWithin: 'A duration such as 5m; 0s: every breach is a new post',
  channels: 'Names from channels, separated by commas',
  activeHours: 'Days and hours such as mon-fri 08:00-18:00; empty: always',
};

/** The fields of `/alerts new`: what a rule needs beyond what can be edited. */
const NEW_FIELDS = ['id', 'metric', 'source', 'queue', 'severity', ...EDITABLE_FIELDS] as const;

/** The form of a new rule: an id, the figure and source, a threshold, channels; the rest as for any rule. */
function newForm(ctx: CommandContext, submitted: Record<string, string> = {}): Reply {
  const sources = Object.keys(ctx.config.sources);
  const channels = Object.keys(ctx.config.channels);
  const fields: ReplyFormField[] = [
    { name: 'id', label: 'Rule name', value: submitted.id, hint: 'Letters, digits, - or _, e.g. emea-sales-queue' },
    { name: 'metric', label: 'Figure', value: submitted.metric ?? 'queue.waiting', hint: 'e.g. queue.waiting, queue.longest_wait_seconds, agents.online' },
    { name: 'source', label: 'Source', value: submitted.source ?? (sources.length === 1 ? sources[0] : undefined), hint: sources.join(', ') },
    { name: 'queue', label: 'Queue (empty: the whole source)', value: submitted.queue, optional: true },
    { name: 'above', label: 'Fire above', value: submitted.above, hint: 'Set this or Fire below', optional: true },
    { name: 'below', label: 'Fire below', value: submitted.below, optional: true },
    { name: 'for', label: FIELD_LABELS.for, value: submitted.for ?? '2m', hint: FIELD_HINTS.for, optional: true },
    { name: 'severity', label: 'Severity', value: submitted.severity ?? 'warning', hint: 'info, warning or critical', optional: true },
    { name: 'channels', label: FIELD_LABELS.channels, value: submitted.channels ?? channels[0], hint: channels.join(', ') },
  ];
  return {
    title: 'New alert rule',
    summary:
      'Fill in the rule and save; it is checked like the file, announced in its channels, and applies at the next poll. Other fields: /alerts set <rule> <field> <value> afterwards.',
    form: { title: 'New alert rule', submit: '/alerts create', submitLabel: 'Create', fields },
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
  const zone = zoneOfRule(ctx, ruleId);
  switch (outcome.kind) {
    case 'invalid':
      return { title: `${ruleId} was not changed`, summary: outcome.problems.join('\n'), visibility: 'private', tone: 'warning' };
    case 'unchanged':
      return { title: `${ruleId} was not changed`, summary: outcome.message, visibility: 'private', tone: 'normal' };
    case 'conflict':
      return {
        title: `${ruleId} was not changed`,
        summary: 'Someone changed this rule at the same moment; look at /alerts rules and try again.',
        visibility: 'private',
        tone: 'warning',
      };
    case 'preview':
      return {
        title: `Preview · ${ruleId}: ${outcome.change}`,
        summary: `${previewText(outcome.preview, zone)} Nothing was saved.`,
        buttons: [{ label: 'Save it', action: 'run', value: ctx.commandText?.replace(/\s--preview\b/, '') ?? `/alerts rules` }],
        visibility: 'private',
      };
    case 'saved':
      return {
        title: `Changed ${ruleId}: ${outcome.version.change}`,
        summary: `${previewText(outcome.preview, zone)} Applies at the next poll on every replica; announced in the rule's channels.`,
        buttons: [{ label: 'Undo', action: 'run', value: `/alerts undo ${ruleId}` }],
        visibility: 'private',
        tone: 'good',
      };
  }
}

async function rulesReply(ctx: CommandContext): Promise<Reply> {
  const all = await ctx.ruleEditing!.rules();
  const sections: ReplySection[] = all.map(({ id, rule, enabled, origin, problems }) => {
    const zone = zoneOfRule(ctx, id);
    const threshold = rule.above !== undefined ? `above ${rule.above}` : `below ${rule.below}`;
    const lines = [
      `${rule.metric}${rule.queue ? ` (${rule.queue})` : ''} on ${rule.source}: ${threshold}, for ${showValue('for', `${rule.for}ms`)}, hysteresis ${rule.hysteresis}, reopen within ${showValue('reopenWithin', `${rule.reopenWithin}ms`)}${rule.repeat ? `, repeat ${showValue('repeat', `${rule.repeat}ms`)}` : ''}${rule.forecast ? `, forecast ${showValue('forecast', `${rule.forecast}ms`)}` : ''}`,
      `channels ${rule.channels.join(', ')} · active ${showValue('activeHours', rule.activeHours)}`,
      origin.from === 'file'
        ? 'from the file'
        : `changed in chat by ${origin.by} at ${formatLocalTime(origin.at, zone)} (version ${origin.version}${origin.fields.length ? `: ${origin.fields.join(', ')} over the file` : ''})`,
    ];
    if (problems) lines.push(`the chat's change no longer fits the file, so the file's rule is watched: ${problems.join('; ')}`);
    return { heading: `${id} — ${enabled ? 'on' : 'off'}`, text: lines.join('\n') };
  });
  return {
    title: 'Alert rules',
    summary: all.length
      ? `${all.length} rule${all.length === 1 ? '' : 's'}; change one with /alerts set <rule> <field> <value> (add --preview to see what it would have done first).`
      : 'No alert rules are configured (see `alerts` in chatops.yaml).',
    sections,
    visibility: 'private',
  };
}

async function historyReply(ctx: CommandContext, ruleId: string): Promise<Reply> {
  const versions = await ctx.ruleEditing!.history(ruleId);
  const zone = zoneOfRule(ctx, ruleId);
  return {
    title: `History · ${ruleId}`,
    summary: versions.length
      ? `${versions.length} change${versions.length === 1 ? '' : 's'} in chat, newest first; version 0 is the file.`
      : `${ruleId} has not been changed in chat: it is as the file says.`,
    sections: versions.length
      ? [
          {
            text: [...versions]
              .reverse()
              .map((v) => `v${v.version} · ${formatLocalTime(v.at, zone)} · ${v.by}: ${v.change}`)
              .join('\n'),
          },
        ]
      : undefined,
    buttons: versions.length ? [{ label: 'Undo the last', action: 'run', value: `/alerts undo ${ruleId}` }] : undefined,
    visibility: 'private',
  };
}

/** A rule of the file or one created in chat, named case-insensitively; usage help naming the rules otherwise. */
export async function ruleNamed(ctx: CommandContext, ruleId: string | undefined): Promise<string> {
  const ids = ctx.ruleEditing ? (await ctx.ruleEditing.rules()).map((r) => r.id) : ctx.config.alerts.map((r, i) => r.id ?? `${r.metric}-${r.source}-${i}`);
  if (ruleId === undefined) throw new UsageError(`Name a rule. Rules: ${ids.join(', ') || 'none configured'}.`);
  const match = ids.find((id) => id.toLowerCase() === ruleId.toLowerCase());
  if (!match)
    throw new UsageError(
      ids.length ? `There is no rule "${echo(ruleId)}".${didYouMean(ruleId, ids)} Rules: ${ids.join(', ')}.` : 'No alert rules are configured.',
    );
  return match;
}

function zoneOfRule(ctx: CommandContext, ruleId: string): string {
  const rule = ctx.config.alerts.find((r, i) => (r.id ?? `${r.metric}-${r.source}-${i}`) === ruleId);
  const source = rule?.source ?? (Object.keys(ctx.config.sources).length === 1 ? Object.keys(ctx.config.sources)[0] : undefined);
  return (source && ctx.sources.get(source)?.timeZone) ?? 'UTC';
}
