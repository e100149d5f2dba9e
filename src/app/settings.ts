import { parseDuration } from '../config/duration.js';
import { LOG_LEVELS } from '../log/logger.js';
import { redisSettingsOf, type RedisSettings } from '../redis/redis-settings.js';
import { splitList } from '../http/outbound-urls.js';
import { commandPrefixOf } from '../router/command-prefix.js';
import { ANSWER_WITHIN_MIN_MS } from '../router/answer-timer.js';
import { EMBEDDED_CONFIG_TEXT, loadConfigFile, parseConfigText, resolveConfigPath, type LoadedConfig } from '../config/load.js';

/** What the environment says, read once: the process never reads `process.env` elsewhere. */
export interface Settings {
  loaded: LoadedConfig;
  /** True when no file was found and the demo runs. */
  embedded: boolean;
  port: number;
  /** REDIS_URL, REDIS_SENTINELS or REDIS_CLUSTER_NODES (and their options); unset: memory, one process. */
  redis?: RedisSettings;
  logLevel: string;
  /** AUDIT_LOG: where the audit trail goes (`stdout`, `stderr` or a file path); always on. */
  auditLog?: string;
  /** `teamIds`: SLACK_TEAM_IDS, the workspaces served (default: the bot token's own, from auth.test). */
  slack?: { signingSecret: string; botToken: string; appToken?: string; apiUrl?: string; teamIds?: string[] };
  /** SLACK_COMMAND_PREFIX: `cc-` for `/cc-queue`...; the manifest is generated with the same value. */
  commandPrefix?: string;
  /**
   * CHATOPS_ANSWER_WITHIN (a duration, default 30s, at least 5s): a command that cannot get a
   * vendor slot by then answers with the last value and its age, or "busy, try again in about N s".
   */
  answerWithinMs?: number;
  /** PUBLIC_URL: the bot's public HTTPS base (Teams fetches chart images from it). */
  publicUrl?: string;
  /**
   * `allowAnonymous`: TEAMS_ALLOW_ANONYMOUS=true, for the Bot Framework Emulator on a laptop:
   * without an app id, /api/messages then accepts unsigned requests. Never implied by NODE_ENV.
   */
  /**
   * `serviceUrls`: TEAMS_SERVICE_URLS, connector bases the bot may post to besides the Bot
   * Framework's (the Emulator's `http://localhost:<port>`, a proxy); `tenantIds`: TEAMS_TENANT_IDS,
   * the tenants served (default MICROSOFT_APP_TENANT_ID when set).
   */
  teams: {
    appId?: string;
    appPassword?: string;
    tenantId?: string;
    appType?: string;
    allowAnonymous: boolean;
    serviceUrls: string[];
    tenantIds: string[];
    /** TEAMS_SSO_KEYS_URL: where the tab's SSO token keys are read (default Microsoft's; tests point it at a fake). */
    keysUrl?: string;
  };
  /**
   * The live wallboard: WALLBOARD_SECRET signs its links (default: derived from the Slack signing
   * secret or the Teams app password; else a random one shared through Redis); WALLBOARD_TV_LINK_TTL
   * and WALLBOARD_DESK_LINK_TTL (durations such as `90d`, `12h`) are how long links live.
   */
  wallboard: { secret?: string; tvMs?: number; deskMs?: number };
  /** Every secret value known to the process, for log redaction. */
  secrets: string[];
}

const ENV_SECRETS = ['SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'MICROSOFT_APP_PASSWORD', 'WALLBOARD_SECRET'] as const;

/** Reads the configuration file (or the embedded demo) and the environment. Throws ConfigError. */
export async function readSettings(env: NodeJS.ProcessEnv): Promise<Settings> {
  const file = resolveConfigPath(env);
  const loaded = file ? await loadConfigFile(file, env) : parseConfigText(EMBEDDED_CONFIG_TEXT, env, '(embedded demo)');
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  const logLevel = (env.LOG_LEVEL || 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${env.LOG_LEVEL}".`);
  const secrets = [...loaded.secrets, ...ENV_SECRETS.map((name) => env[name]).filter((v): v is string => !!v)];
  const redis = redisSettingsOf(env);
  const redisPassword = env.REDIS_URL ? safeUrl(env.REDIS_URL)?.password : undefined;
  if (redisPassword) secrets.push(decodeURIComponent(redisPassword));
  for (const name of ['REDIS_PASSWORD', 'REDIS_SENTINEL_PASSWORD']) if (env[name]) secrets.push(env[name]!);
  return {
    loaded,
    embedded: !file,
    port,
    redis,
    logLevel,
    auditLog: env.AUDIT_LOG?.trim() || undefined,
    slack:
      env.SLACK_SIGNING_SECRET || env.SLACK_BOT_TOKEN
        ? {
            signingSecret: env.SLACK_SIGNING_SECRET ?? '',
            botToken: env.SLACK_BOT_TOKEN ?? '',
            appToken: env.SLACK_APP_TOKEN || undefined,
            apiUrl: env.SLACK_API_URL || undefined,
            ...(splitList(env.SLACK_TEAM_IDS).length ? { teamIds: splitList(env.SLACK_TEAM_IDS) } : {}),
          }
        : undefined,
    commandPrefix: commandPrefixOf(env.SLACK_COMMAND_PREFIX),
    answerWithinMs: answerWithinOf(env),
    publicUrl: publicUrlOf(env.PUBLIC_URL),
    teams: {
      appId: env.MICROSOFT_APP_ID || undefined,
      appPassword: env.MICROSOFT_APP_PASSWORD || undefined,
      tenantId: env.MICROSOFT_APP_TENANT_ID || undefined,
      appType: env.MICROSOFT_APP_TYPE || undefined,
      allowAnonymous: flag(env, 'TEAMS_ALLOW_ANONYMOUS'),
      serviceUrls: serviceUrlsOf(env.TEAMS_SERVICE_URLS),
      tenantIds: splitList(env.TEAMS_TENANT_IDS),
      keysUrl: env.TEAMS_SSO_KEYS_URL || undefined,
    },
    wallboard: {
      secret: env.WALLBOARD_SECRET || undefined,
      tvMs: durationOf(env, 'WALLBOARD_TV_LINK_TTL'),
      deskMs: durationOf(env, 'WALLBOARD_DESK_LINK_TTL'),
    },
    secrets: [...new Set(secrets)],
  };
}

/** A duration variable (`90d`, `12h`), unset for the default; anything else stops the start. */
function durationOf(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const text = env[name]?.trim();
  if (!text) return undefined;
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0) throw new Error(`${name} must be a duration such as 90d or 12h, not "${env[name]}"`);
  return ms;
}

/** CHATOPS_ANSWER_WITHIN: unset for the default; shorter than 5 s would cut ordinary answers short, so it stops the start. */
function answerWithinOf(env: NodeJS.ProcessEnv): number | undefined {
  const ms = durationOf(env, 'CHATOPS_ANSWER_WITHIN');
  if (ms !== undefined && ms < ANSWER_WITHIN_MIN_MS)
    throw new Error(
      `CHATOPS_ANSWER_WITHIN must be at least ${ANSWER_WITHIN_MIN_MS / 1000}s (the longest a supervisor waits for an answer), not "${env.CHATOPS_ANSWER_WITHIN}"`,
    );
  return ms;
}

/** Each entry an http(s) origin (`http://localhost:3978`, `http://localhost:*` for any port) or a host name (`bots.example.com`, `*.example.com`). */
function serviceUrlsOf(text: string | undefined): string[] {
  const entries = splitList(text);
  for (const entry of entries) {
    const ok = entry.includes('://') ? /^https?:$/.test(safeUrl(entry.replace(/:\*\/?$/, ''))?.protocol ?? '') : /^(\*\.)?[a-z0-9.-]+$/i.test(entry);
    if (!ok) throw new Error(`TEAMS_SERVICE_URLS: "${entry}" is neither a URL such as http://localhost:3978 nor a host name such as bots.example.com`);
  }
  return entries;
}

function publicUrlOf(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const url = safeUrl(text);
  if (!url || !/^https?:$/.test(url.protocol))
    throw new Error(`PUBLIC_URL must be the bot's public base URL, such as https://chatops.example.com, not "${text}"`);
  return url.toString().replace(/\/+$/, '');
}

/** `true`/`1`/`yes` (any case) is on, unset/`false`/`0`/`no` off; anything else is a mistake worth stopping for. */
function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const value = env[name]?.trim().toLowerCase();
  if (!value || value === 'false' || value === '0' || value === 'no') return false;
  if (value === 'true' || value === '1' || value === 'yes') return true;
  throw new Error(`${name} must be true or false, not "${env[name]}"`);
}

function safeUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
