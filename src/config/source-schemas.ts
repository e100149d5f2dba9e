import { z } from 'zod';
import { cronExpression } from './cron-expression.js';
import { durationMs } from './duration.js';

const timeZone = z.string().refine(isTimeZone, { message: 'expected an IANA time zone such as "America/Bogota" or "Europe/Budapest"' });

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Per-token rationing, shared by every replica through the quota gate. */
export const quotaSchema = z
  .object({
    /** Simultaneous requests per token. */
    concurrency: z.number().int().min(1).max(50).optional(),
    /** Requests per day per token; for wolkvox defaults to licenses x 1000. */
    dailyBudget: z.number().int().min(1).optional(),
    /** Share of the daily budget kept for interactive commands (the watcher cannot spend it). */
    reservePercent: z.number().min(0).max(90).default(10),
    /** Minimum time between two calls of the same endpoint with this token. */
    minSpacing: durationMs.optional(),
  })
  .strict()
  .default({ reservePercent: 10 });

/** `/staffing`: the service level the source aims for, and how many chats an agent works at once. */
export const staffingSchema = z
  .object({
    /** Share of chats to answer within `answerWithin`, in percent. */
    target: z.number().gt(0).lt(100).default(80),
    answerWithin: durationMs.default(20_000),
    /** Chats an agent works at once; default: the agents' own capacity when the vendor gives it, else 1. */
    concurrency: z.number().int().min(1).max(20).optional(),
  })
  .strict();

const common = {
  /** Supervisor-facing label; defaults to the source's key. */
  label: z.string().min(1).optional(),
  timeZone,
  /** Overrides the vendor host (on-premise proxy, tests). */
  baseUrl: z.url({ message: 'expected a URL such as "https://proxy.example.com"' }).optional(),
  /** Time limit per vendor request. */
  timeout: durationMs.optional(),
  quota: quotaSchema,
  /** node-cron expression for the watcher's polls of this source. */
  poll: cronExpression('"*/5 * * * *" (every 5 minutes)').optional(),
  /** How long answers are cached per capability, e.g. { queue: "30s", today: "5m" }. */
  cache: z.partialRecord(z.enum(['queue', 'agents', 'activeChats', 'transcript', 'today', 'dayStats', 'handoffs', 'tokenUsage']), durationMs).optional(),
  /** Service-level target of `/staffing` (default 80% answered within 20 s). */
  staffing: staffingSchema.optional(),
};

export const wolkvoxSourceSchema = z
  .object({
    vendor: z.literal('wolkvox'),
    /** The operation's server number: the `0032` of `wv0032.wolkvox.com`. */
    server: z.string().regex(/^\d{1,6}$/, { message: 'expected the server number in digits, e.g. "0032" (quote it in YAML)' }),
    token: z.string().min(8, { message: 'expected the wolkvox API token (set it through an environment variable)' }),
    /** Licenses of the operation: the daily quota is licenses x 1000. */
    licenses: z.number().int().min(1).optional(),
    /** How many days back `/transcript` searches finished chats. */
    transcriptLookbackDays: z.number().int().min(1).max(31).default(7),
    /** Skill ids whose queue figures `/queue` shows (real_time.php?api=skills). */
    skills: z.array(z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String)).default([]),
    ...common,
  })
  .strict();

export const comm100SourceSchema = z
  .object({
    vendor: z.literal('comm100'),
    /** Data center number: 11, 12, 13, 15 or 17 (api{N}.comm100.io). */
    dataCenter: z.union([z.literal(11), z.literal(12), z.literal(13), z.literal(15), z.literal(17)], {
      error: 'expected the data center number 11, 12, 13, 15 or 17 (from your dash{N}.comm100.io address)',
    }),
    siteId: z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String),
    auth: z.discriminatedUnion('type', [
      z.object({ type: z.literal('apiKey'), email: z.email(), apiKey: z.string().min(8) }).strict(),
      z
        .object({
          type: z.literal('oauth'),
          clientId: z.string().min(1),
          clientSecret: z.string().min(1).optional(),
          grantType: z.enum(['client_credentials', 'password', 'refresh_token']).default('client_credentials'),
          username: z.string().optional(),
          password: z.string().optional(),
          refreshToken: z.string().optional(),
          /** Overrides the token endpoint (defaults to https://dash{N}.comm100.io/oauth/token). */
          tokenUrl: z.url().optional(),
        })
        .strict(),
    ]),
    ...common,
  })
  .strict();

export const vccliveSourceSchema = z
  .object({
    vendor: z.literal('vcclive'),
    /** The `acme` of `acme.asp.virtual-call-center.eu`. */
    account: z.string().regex(/^[a-z0-9-]+$/i, { message: 'expected the account name from your VCC Live address' }),
    token: z.string().min(8, { message: 'expected the VCC Live API token (set it through an environment variable)' }),
    projectId: z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String),
    /** Most pages of the chat log read per question (500 asked a page; a server may give fewer). A day cut short reads "at least". */
    maxPages: z.number().int().min(1).max(200).default(20),
    ...common,
  })
  .strict();

export const demoSourceSchema = z
  .object({
    vendor: z.literal('demo'),
    seed: z.number().int().default(42),
    ...common,
    timeZone: timeZone.default('America/Bogota'),
  })
  .strict();

export const sourceSchema = z.discriminatedUnion('vendor', [wolkvoxSourceSchema, comm100SourceSchema, vccliveSourceSchema, demoSourceSchema], {
  error: 'expected `vendor` to be one of wolkvox, comm100, vcclive, demo',
});

export type WolkvoxSourceConfig = z.output<typeof wolkvoxSourceSchema>;
export type Comm100SourceConfig = z.output<typeof comm100SourceSchema>;
export type VccliveSourceConfig = z.output<typeof vccliveSourceSchema>;
export type DemoSourceConfig = z.output<typeof demoSourceSchema>;
export type SourceConfig = z.output<typeof sourceSchema>;
export type QuotaConfig = z.output<typeof quotaSchema>;
export type StaffingConfig = z.output<typeof staffingSchema>;
export { timeZone as timeZoneSchema };
