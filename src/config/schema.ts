import { z } from 'zod';
import { cronExpression } from './cron-expression.js';
import { durationMs } from './duration.js';
import { sourceSchema, timeZoneSchema } from './source-schemas.js';

/**
 * The whole `chatops.yaml`. Sections: sources, channels, alerts, summaries, access.
 * Every field is documented here; `docs/chatops.schema.json` is generated from this.
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
    days: z.array(dayName).min(1).default(['mon', 'tue', 'wed', 'thu', 'fri']),
    from: clock.default('00:00'),
    to: clock.default('23:59'),
    timeZone: timeZoneSchema.optional(),
  })
  .strict();

export const alertRuleSchema = z
  .object({
    /** Stable name, used by `/alerts silence <id>`; defaults to metric-source-index. */
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/i, { message: 'expected letters, digits, "-" or "_"' }).optional(),
    metric: z.enum(METRICS, { error: `expected one of ${METRICS.join(', ')}` }),
    source: z.string().min(1),
    /** Only this queue / department (by name). */
    queue: z.string().optional(),
    above: z.number().optional(),
    below: z.number().optional(),
    /** How long the condition must hold before the alert fires. */
    for: durationMs.default(0),
    severity: z.enum(['info', 'warning', 'critical']).default('warning'),
    channels: z.array(z.string().min(1)).min(1, { message: 'name at least one channel (an alias from `channels` or a reference)' }),
    /** Who to mention when it fires: "@here", "@channel", or a Slack user-group id ("S0123"). */
    mention: z.string().optional(),
    activeHours: activeHoursSchema.optional(),
    /** Post a reminder this often while it keeps firing. */
    repeat: durationMs.optional(),
    /** How far back past the threshold the value must go before the alert resolves. */
    hysteresis: z.number().min(0).default(0),
    /** For chats.unanswered: the customer's last message is older than this. */
    unansweredAfter: durationMs.default(300_000),
    /**
     * Early warning: post a warning when the trend of the last polls says the threshold will be
     * crossed within this long ("15m"). The warning updates in place and resolves when the trend
     * clears or the alert fires.
     */
    forecast: durationMs.optional(),
  })
  .strict()
  .refine((r) => (r.above === undefined) !== (r.below === undefined), {
    message: 'set exactly one of `above` or `below`',
  });

export const summarySchema = z
  .object({
    id: z.string().optional(),
    /** node-cron expression, e.g. "0 18 * * 1-5" for 18:00 on weekdays. */
    cron: cronExpression('"0 18 * * 1-5" (18:00 on weekdays)'),
    timeZone: timeZoneSchema,
    sources: z.array(z.string().min(1)).min(1),
    channel: z.string().min(1),
  })
  .strict();

export const accessSchema = z
  .object({
    /** Supervisors may read transcripts and acknowledge or silence alerts. */
    supervisors: z
      .object({
        slackUsers: z.array(z.string().regex(/^[UW][A-Z0-9]+$/, { message: 'expected a Slack user id such as "U0123ABCD"' })).default([]),
        slackGroups: z.array(z.string().regex(/^S[A-Z0-9]+$/, { message: 'expected a Slack user-group id such as "S0123ABCD"' })).default([]),
        teamsUsers: z.array(z.guid({ message: 'expected a Teams (Entra ID) object id such as "6f2c…-…"' })).default([]),
      })
      .strict()
      .default({ slackUsers: [], slackGroups: [], teamsUsers: [] }),
    /** Whether people who are not supervisors may run the read-only commands. */
    everyone: z.boolean().default(true),
    /**
     * What one person's costly commands (/transcript, /handoffs) may spend: vendor requests per
     * sliding hour, shared by the replicas. Past it they are told when they can ask again. 0 = no limit.
     */
    askerBudget: z
      .object({ requestsPerHour: z.number().int().min(0).default(60) })
      .strict()
      .default({ requestsPerHour: 60 }),
  })
  .strict()
  .default({ supervisors: { slackUsers: [], slackGroups: [], teamsUsers: [] }, everyone: true, askerBudget: { requestsPerHour: 60 } });

export const configSchema = z
  .object({
    sources: z.record(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, { message: 'source names are lower-case letters, digits, "-" or "_"' }), sourceSchema).refine((s) => Object.keys(s).length > 0, {
      message: 'configure at least one source',
    }),
    /** Aliases for channel references: { ops: "slack:C0123ABC" }. */
    channels: z.record(z.string(), channelRef).default({}),
    alerts: z.array(alertRuleSchema).default([]),
    summaries: z.array(summarySchema).default([]),
    access: accessSchema,
    watcher: z
      .object({ enabled: z.boolean().default(true) })
      .strict()
      .default({ enabled: true }),
  })
  .strict();

export type Config = z.output<typeof configSchema>;
export type AlertRuleConfig = z.output<typeof alertRuleSchema>;
export type SummaryConfig = z.output<typeof summarySchema>;
export type AccessConfig = z.output<typeof accessSchema>;
export type ActiveHours = z.output<typeof activeHoursSchema>;
