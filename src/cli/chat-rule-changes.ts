import type { Config } from '../config/schema.js';
import type { RedisClient } from '../redis/client.js';
import { connectRedis } from '../redis/connect.js';
import { describeRedis, redisSettingsOf } from '../redis/redis-settings.js';
import { createRedisRuleStore } from '../rules/redis-rule-store.js';
import type { RuleStore } from '../rules/rule-store.js';
import { effectiveRules } from '../rules/versions.js';

/** What `check-config` adds about alert rules that supervisors changed in chat. */
export interface ChatChangeReport {
  /** Summary lines, indented like the rest of the summary. */
  lines: string[];
  /** What the operator should know: a chat version this file no longer accepts, a change to a rule the file dropped. */
  warnings: string[];
}

/**
 * The chat's changes to alert rules, read from the Redis the bot shares (`REDIS_URL`, Sentinel or
 * Cluster, and `CHATOPS_REDIS_PREFIX`), laid over this file as the running bot does: which rules a
 * supervisor changed, turned off or created, and which changes this file would set aside. Without
 * Redis the changes live in the running process and there is nothing to read; with Redis not
 * answering, says so and goes on (check-config still checks the file).
 */
export async function chatRuleChanges(config: Config, env: NodeJS.ProcessEnv): Promise<ChatChangeReport> {
  const settings = redisSettingsOf(env);
  if (!settings) return { lines: [], warnings: [] };
  const redis = connectRedis(settings, { maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    if (!(await reached(redis))) {
      return { lines: [`  rule changes from chat: not read, Redis (${describeRedis(settings)}) did not answer; the file alone was checked`], warnings: [] };
    }
    return await reportOn(config, createRedisRuleStore({ redis, prefix: settings.prefix }));
  } finally {
    redis.disconnect();
  }
}

/** The report for one store: exported for the contract between the file and the versions. */
export async function reportOn(config: Config, store: RuleStore): Promise<ChatChangeReport> {
  const latest = await store.latest();
  if (latest.size === 0) return { lines: ['  rule changes from chat: none'], warnings: [] };
  const { all } = effectiveRules(config, latest);
  const lines = [`  rule changes from chat (${latest.size}):`];
  const warnings: string[] = [];
  for (const rule of all) {
    const version = latest.get(rule.id);
    if (!version) continue;
    const state = rule.enabled ? '' : ', now off';
    lines.push(`    ${rule.id}: ${version.change} (version ${version.version} by ${version.by}, ${when(version.at)}${state})`);
    if (rule.problems)
      warnings.push(
        `alert rule ${rule.id}: its chat change (${version.change}) no longer fits this file: ${rule.problems.map((p) => p.replace(/\.$/, '')).join('; ')}. The file's rule is watched until a supervisor changes it again (/alerts).`,
      );
  }
  const shown = new Set(all.map((rule) => rule.id));
  for (const version of latest.values()) {
    if (shown.has(version.ruleId)) continue;
    lines.push(`    ${version.ruleId}: ${version.change} (version ${version.version} by ${version.by}, ${when(version.at)}, not watched)`);
    warnings.push(
      version.created
        ? `alert rule ${version.ruleId}, created in chat, no longer fits this file (a source or channel it names is gone): it is not watched.`
        : `alert rule ${version.ruleId} was changed in chat but is no longer in this file: the change is kept and unused.`,
    );
  }
  return { lines, warnings };
}

/** "2026-12-05 14:02 UTC": the minute of a change, one zone for every reader of a deploy log. */
function when(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * True once the client is ready; false at its first connection error (no retry: this is a check),
 * or after 5 s for a Sentinel set or Cluster that keeps looking.
 */
function reached(redis: RedisClient): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const settle = (ok: boolean) => () => {
      clearTimeout(giveUp);
      redis.off('ready', ready);
      redis.off('error', failed);
      redis.off('end', failed);
      resolve(ok);
    };
    const ready = settle(true);
    const failed = settle(false);
    const giveUp = setTimeout(failed, 5_000);
    redis.once('ready', ready);
    redis.once('error', failed);
    redis.once('end', failed);
  });
}
