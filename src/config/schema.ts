import { z } from 'zod';
import { cronExpression } from './cron-expression.js';
import { durationMs } from './duration.js';
import { localeSchema, sourceSchema, timeZoneSchema } from './source-schemas.js';

/**
 * The whole `chatops.yaml`. Sections: sources, channels, alerts, summaries, access.
 * Every field is described here, once, with `.describe()`: `docs/chatops.schema.json` (what
 * editors show) is generated from it (`npm run config:schema`).
 */

const METRICS = [
  'queue.waiting',
  'queue.longest_wait_seconds',
  'queue.avg_wait_seconds',
  'queue.abandoned_30m',
  'agents.online',
  'agents.available',
  'agents.utilization',
  'chats.ongoing',
  'chats.unanswered',
  'sla.breaches_today',
  'chats.missed_today',
  'handoffs.rate_today',
] as const;
export const metricNames = METRICS;
export type MetricName = (typeof METRICS)[number];

const channelRef = z.string().regex(/^(slack:[A-Z0-9]+|teams:.+|teams-webhook:https:\/\/.+|console)$/, {
  message: 'expected a channel reference: "slack:C0123ABC", "teams:<conversation id>", "teams-webhook:https://..." or "console"',
});

const dayName = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'expected a time of day such as "08:00"' });

export const activeHoursSchema = z
  .object({
    days: z
      .array(dayName)
      .min(1)
      .default(['mon', 'tue', 'wed', 'thu', 'fri'])
      .describe('Days the rule is active: mon, tue, wed, thu, fri, sat, sun (default Monday to Friday).'),
    from: clock.default('00:00').describe('Start of the active hours, "HH:MM" on a 24-hour clock (default "00:00").'),
    to: clock.default('23:59').describe('End of the active hours, "HH:MM" on a 24-hour clock (default "23:59").'),
    timeZone: timeZoneSchema.optional().describe("IANA time zone the hours are read in (default: the source's time zone)."),
  })
  .strict()
  .describe('When the rule may fire: outside these days and hours it stays quiet.');

export const alertRuleSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/i, { message: 'expected letters, digits, "-" or "_"' })
      .optional()
      .describe('Stable name, used by `/alerts silence <id>` and in alert ids; defaults to metric-source-index.'),
    metric: z
      .enum(METRICS, { error: `expected one of ${METRICS.join(', ')}` })
      .describe('The figure watched, e.g. queue.waiting (chats waiting) or agents.available.'),
    source: z.string().min(1).describe('Key of the source (under `sources`) whose figure is watched.'),
    queue: z.string().optional().describe('Only this queue or department, by name; default: the whole source.'),
    above: z.number().optional().describe('Fire when the figure goes above this value. Set exactly one of `above` or `below`.'),
    below: z.number().optional().describe('Fire when the figure goes below this value. Set exactly one of `above` or `below`.'),
    for: durationMs.default(0).describe('How long the condition must hold before the alert fires, e.g. "2m" (default: at once).'),
    severity: z.enum(['info', 'warning', 'critical']).default('warning').describe('How loud the alert is: info, warning or critical (default warning).'),
    channels: z
      .array(z.string().min(1))
      .min(1, { message: 'name at least one channel (an alias from `channels` or a reference)' })
      .describe('Where the alert is posted: aliases from `channels` or references such as "slack:C0123ABC".'),
    mention: z.string().optional().describe('Who to mention when it fires: "@here", "@channel", or a Slack user-group id ("S0123").'),
    activeHours: activeHoursSchema.optional(),
    repeat: durationMs.optional().describe('Post a reminder this often while the alert keeps firing, e.g. "30m".'),
    hysteresis: z
      .number()
      .min(0)
      .default(0)
      .describe('How far back past the threshold the figure must go before the alert resolves (default 0: as soon as it is back).'),
    unansweredAfter: durationMs
      .default(300_000)
      .describe('For chats.unanswered: a chat counts when the customer\'s last message is older than this (default "5m").'),
    reopenWithin: durationMs
      .default(300_000)
      .describe(
        'One alert per incident: firing again this soon after resolving reopens the same message instead of posting anew (default "5m"; "0s": always a new post).',
      ),
    forecast: durationMs
      .optional()
      .describe(
        'Early warning: warn when the trend of the last polls says the threshold will be crossed within this long ("15m"); the warning updates in place and resolves when the trend clears or the alert fires.',
      ),
  })
  .strict()
  .describe('One alert rule: a figure of a source, a threshold, and the channels told when it is crossed and when it resolves.')
  .refine((r) => (r.above === undefined) !== (r.below === undefined), {
    message: 'set exactly one of `above` or `below`',
  });

export const summarySchema = z
  .object({
    id: z.string().optional().describe('Name of the summary in logs; defaults to its position.'),
    cron: cronExpression('"0 18 * * 1-5" (18:00 on weekdays)').describe('When to post, as a node-cron expression: "0 18 * * 1-5" is 18:00 on weekdays.'),
    timeZone: timeZoneSchema.describe('IANA time zone the cron expression is read in, e.g. "America/Bogota".'),
    sources: z.array(z.string().min(1)).min(1).describe('Keys of the sources (under `sources`) the summary covers.'),
    channel: z.string().min(1).describe('Where it is posted: an alias from `channels` or a reference such as "slack:C0123ABC".'),
    locale: localeSchema
      .optional()
      .describe("Language of the post: en, es (Latin America), pt-BR, de or hu. Default: the first source's `locale`, else English."),
  })
  .strict()
  .describe('A daily summary (chats, answer times, alerts of the day) posted on a schedule.');

export const accessSchema = z
  .object({
    supervisors: z
      .object({
        slackUsers: z
          .array(z.string().regex(/^[UW][A-Z0-9]+$/, { message: 'expected a Slack user id such as "U0123ABCD"' }))
          .default([])
          .describe('Slack user ids of supervisors, e.g. "U0123ABCD".'),
        slackGroups: z
          .array(z.string().regex(/^S[A-Z0-9]+$/, { message: 'expected a Slack user-group id such as "S0123ABCD"' }))
          .default([])
          .describe('Slack user-group ids whose members are supervisors, e.g. "S0123ABCD".'),
        teamsUsers: z
          .array(z.guid({ message: 'expected a Teams (Entra ID) object id such as "6f2c…-…"' }))
          .default([])
          .describe('Teams (Entra ID) object ids of supervisors.'),
      })
      .strict()
      .default({ slackUsers: [], slackGroups: [], teamsUsers: [] })
      .describe('Supervisors may read transcripts and acknowledge or silence alerts.'),
    ruleEditors: z
      .object({
        slackUsers: z
          .array(z.string().regex(/^[UW][A-Z0-9]+$/, { message: 'expected a Slack user id such as "U0123ABCD"' }))
          .default([])
          .describe('Slack user ids who may change alert rules.'),
        slackGroups: z
          .array(z.string().regex(/^S[A-Z0-9]+$/, { message: 'expected a Slack user-group id such as "S0123ABCD"' }))
          .default([])
          .describe('Slack user-group ids whose members may change alert rules.'),
        teamsUsers: z
          .array(z.guid({ message: 'expected a Teams (Entra ID) object id such as "6f2c…-…"' }))
          .default([])
          .describe('Teams (Entra ID) object ids who may change alert rules.'),
      })
      .strict()
      .optional()
      .describe('Who may change alert rules from the chat (/alerts set, on, off, undo); default: the supervisors.'),
    everyone: z.boolean().default(true).describe('Whether people who are not supervisors may run the read-only commands (default true).'),
    askerBudget: z
      .object({
        requestsPerHour: z
          .number()
          .int()
          .min(0)
          .default(60)
          .describe("Vendor requests one person's costly commands may spend per sliding hour (default 60; 0 = no limit)."),
      })
      .strict()
      .default({ requestsPerHour: 60 })
      .describe("What one person's costly commands (/transcript, /handoffs) may spend, shared by the replicas; past it they are told when they can ask again."),
  })
  .strict()
  .default({ supervisors: { slackUsers: [], slackGroups: [], teamsUsers: [] }, everyone: true, askerBudget: { requestsPerHour: 60 } })
  .describe("Who may run what: supervisors, whether everyone else may ask, and each person's share of vendor requests.");

export const configSchema = z
  .object({
    sources: z
      .record(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, { message: 'source names are lower-case letters, digits, "-" or "_"' }), sourceSchema)
      .refine((s) => Object.keys(s).length > 0, { message: 'configure at least one source' })
      .describe('The contact-center operations the bot reads, by a short key used in commands (`/queue bogota`) and rules.'),
    channels: z
      .record(z.string(), channelRef.describe('A channel reference: "slack:C0123ABC", "teams:<conversation id>", "teams-webhook:https://..." or "console".'))
      .default({})
      .describe('Short names for channel references, used by alerts and summaries: { ops: "slack:C0123ABC" }.'),
    alerts: z.array(alertRuleSchema).default([]).describe('Threshold alerts the watcher posts, updates and resolves.'),
    summaries: z.array(summarySchema).default([]).describe('Daily summaries posted on a schedule.'),
    access: accessSchema,
    watcher: z
      .object({ enabled: z.boolean().default(true).describe('Whether this process polls the sources and posts alerts and summaries (default true).') })
      .strict()
      .default({ enabled: true })
      .describe('The background poller behind alerts and summaries.'),
  })
  .strict();

export type Config = z.output<typeof configSchema>;
export type AlertRuleConfig = z.output<typeof alertRuleSchema>;
export type SummaryConfig = z.output<typeof summarySchema>;
export type AccessConfig = z.output<typeof accessSchema>;
export type ActiveHours = z.output<typeof activeHoursSchema>;
