import { z } from 'zod';
import { cronExpression } from './cron-expression.js';
import { durationMs } from './duration.js';

/** A language tag for posts: "es", "es-CO", "pt-BR", "de", "hu" (any other language posts in English). */
const localeTag = z
  .string()
  .regex(/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/, { message: 'expected a language tag such as "es", "es-CO", "pt-BR", "de" or "hu"' });
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
    concurrency: z.number().int().min(1).max(50).optional().describe('Simultaneous requests per token (default: what the vendor allows, 2 for wolkvox).'),
    dailyBudget: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe("Requests per day per token, counted from the operation's midnight; for wolkvox defaults to licenses x 1000."),
    reservePercent: z
      .number()
      .min(0)
      .max(90)
      .default(10)
      .describe("Share of the daily budget kept for people's commands, which the watcher cannot spend (default 10)."),
    minSpacing: durationMs.optional().describe('Least time between two calls of the same endpoint with this token, e.g. "1s".'),
  })
  .strict()
  .default({ reservePercent: 10 })
  .describe("How this source's token is rationed, shared by every replica through Redis.");

export const staffingSchema = z
  .object({
    target: z.number().gt(0).lt(100).default(80).describe('Share of chats to answer within `answerWithin`, in percent (default 80).'),
    answerWithin: durationMs.default(20_000).describe('The answer time of the service level, e.g. "20s" (default).'),
    concurrency: z
      .number()
      .int()
      .min(1)
      .max(20)
      .optional()
      .describe("Chats an agent works at once; default: the agents' own capacity when the vendor gives it, else 1."),
  })
  .strict()
  .describe('What `/staffing` aims for: the service level (default 80% answered within 20 s) and chats per agent.');

const TIME_ZONE = 'IANA time zone of the operation, e.g. "America/Bogota": days, hours and schedules are read in it.';

const common = {
  optional: z
    .boolean()
    .optional()
    .describe('When a ${VAR} this source needs is not set, start without it (and its alerts and summaries) and say so, instead of refusing to start.'),
  label: z.string().min(1).optional().describe('Name supervisors see in answers, e.g. "Bogotá"; defaults to the source\'s key.'),
  timeZone: timeZone.describe(TIME_ZONE),
  locale: localeTag
    .optional()
    .describe(
      'Language of the alerts and early warnings posted about this source: en, es (Latin America), pt-BR, de or hu ("es-CO" counts as es). Default English.',
    ),
  baseUrl: z
    .url({ message: 'expected a URL such as "https://proxy.example.com"' })
    .optional()
    .describe('Overrides the vendor host (an on-premise proxy, tests).'),
  timeout: durationMs.optional().describe('Time limit per vendor request, e.g. "10s".'),
  quota: quotaSchema,
  poll: cronExpression('"*/5 * * * *" (every 5 minutes)')
    .optional()
    .describe('How often the watcher polls this source, as a node-cron expression: "*/5 * * * *" is every 5 minutes.'),
  cache: z
    .partialRecord(z.enum(['queue', 'agents', 'activeChats', 'transcript', 'today', 'recentArrivals', 'dayStats', 'handoffs', 'tokenUsage']), durationMs)
    .optional()
    .describe('How long answers are cached per kind, e.g. { queue: "30s", today: "5m" }.'),
  staffing: staffingSchema.optional(),
};

export const wolkvoxSourceSchema = z
  .object({
    vendor: z.literal('wolkvox').describe('wolkvox (wv<server>.wolkvox.com).'),
    server: z
      .string()
      .regex(/^\d{1,6}$/, { message: 'expected the server number in digits, e.g. "0032" (quote it in YAML)' })
      .describe('The operation\'s server number: the "0032" of wv0032.wolkvox.com (quote it in YAML).'),
    token: z
      .string()
      .min(8, { message: 'expected the wolkvox API token (set it through an environment variable)' })
      .describe('The wolkvox API token; write "${WOLKVOX_TOKEN}" and set it in the environment.'),
    licenses: z.number().int().min(1).optional().describe('Licenses of the operation: the daily quota is licenses x 1000.'),
    transcriptLookbackDays: z.number().int().min(1).max(31).default(7).describe('How many days back `/transcript` searches finished chats (default 7).'),
    skills: z
      .array(z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String))
      .default([])
      .describe('Skill ids whose queue figures `/queue` shows (real_time.php?api=skills); default: all.'),
    ...common,
  })
  .strict()
  .describe('A wolkvox operation.');

export const comm100SourceSchema = z
  .object({
    vendor: z.literal('comm100').describe('Comm100 Live Chat.'),
    dataCenter: z
      .union([z.literal(11), z.literal(12), z.literal(13), z.literal(15), z.literal(17)], {
        error: 'expected the data center number 11, 12, 13, 15 or 17 (from your dash{N}.comm100.io address)',
      })
      .describe('Data center number: 11, 12, 13, 15 or 17, the N of your dashN.comm100.io address.'),
    siteId: z
      .union([z.number().int(), z.string().regex(/^\d+$/)])
      .transform(String)
      .describe('The Comm100 site id (a number).'),
    auth: z
      .discriminatedUnion('type', [
        z
          .object({
            type: z.literal('apiKey').describe("Sign in with an agent's email and API key."),
            email: z.email().describe('Email of the agent the API key belongs to.'),
            apiKey: z.string().min(8).describe('The agent\'s API key; write "${COMM100_API_KEY}" and set it in the environment.'),
          })
          .strict(),
        z
          .object({
            type: z.literal('oauth').describe('Sign in with an OAuth client.'),
            clientId: z.string().min(1).describe('OAuth client id.'),
            clientSecret: z.string().min(1).optional().describe('OAuth client secret; set it through an environment variable.'),
            grantType: z
              .enum(['client_credentials', 'password', 'refresh_token'])
              .default('client_credentials')
              .describe('OAuth grant: client_credentials (default), password or refresh_token.'),
            username: z.string().optional().describe("For the password grant: the agent's user name."),
            password: z.string().optional().describe("For the password grant: the agent's password; set it through an environment variable."),
            refreshToken: z.string().optional().describe('For the refresh_token grant: the refresh token; set it through an environment variable.'),
            tokenUrl: z.url().optional().describe('Overrides the token endpoint (default https://dash{N}.comm100.io/oauth/token).'),
          })
          .strict(),
      ])
      .describe('How the bot signs in to Comm100: an API key (`type: apiKey`) or an OAuth client (`type: oauth`).'),
    ...common,
  })
  .strict()
  .describe('A Comm100 site.');

export const vccliveSourceSchema = z
  .object({
    vendor: z.literal('vcclive').describe('VCC Live.'),
    account: z
      .string()
      .regex(/^[a-z0-9-]+$/i, { message: 'expected the account name from your VCC Live address' })
      .describe('The "acme" of acme.asp.virtual-call-center.eu.'),
    token: z
      .string()
      .min(8, { message: 'expected the VCC Live API token (set it through an environment variable)' })
      .describe('The VCC Live API token; write "${VCCLIVE_TOKEN}" and set it in the environment.'),
    projectId: z
      .union([z.number().int(), z.string().regex(/^\d+$/)])
      .transform(String)
      .describe('The VCC Live project id (a number).'),
    maxPages: z
      .number()
      .int()
      .min(1)
      .max(200)
      .default(20)
      .describe('Most pages of the chat log read per question (500 asked a page; a server may give fewer); a day cut short reads "at least" (default 20).'),
    ...common,
  })
  .strict()
  .describe('A VCC Live project.');

export const demoSourceSchema = z
  .object({
    vendor: z.literal('demo').describe('The simulated contact center (no vendor account needed).'),
    seed: z.number().int().default(42).describe('Seed of the simulation: the same seed gives the same operation (default 42).'),
    ...common,
    timeZone: timeZone.default('America/Bogota').describe(`${TIME_ZONE} Default "America/Bogota".`),
  })
  .strict()
  .describe('The demo contact center.');

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
export { timeZone as timeZoneSchema, localeTag as localeSchema };
