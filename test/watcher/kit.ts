export { collectingLogger } from '../support/collecting-logger.js';
export { connectRedis, deleteKeys, REDIS_URL, uniquePrefix } from '../support/redis-kit.js';
import { webApi } from '@slack/bolt';
import { createComm100Adapter } from '../../adapters/comm100/adapter.js';
import { configSchema, type Config } from '../../src/config/schema.js';
import { SlackPlatform } from '../../src/platforms/slack/post.js';
import { createMemoryQuotaGate } from '../../src/quota/memory-gate.js';
import { createSource, type Source } from '../../src/sources/source.js';
import type { FakeComm100 } from '../fakes/fake-comm100.js';
import type { FakeSlack, SlackCall } from '../fakes/fake-slack.js';
import { sourceFor } from '../comm100/setup.js';

export const BOT_TOKEN = 'xoxb-watcher-test';
export const CHANNEL = 'C0ALERTS';

/** A clock the test moves by hand. */
export function manualClock(startIso: string) {
  let current = Date.parse(startIso);
  return {
    now: () => new Date(current),
    advance: (ms: number) => {
      current += ms;
    },
    set: (iso: string) => {
      current = Date.parse(iso);
    },
  };
}

/** A validated configuration: one comm100 source `emea` and whatever alerts/summaries are given. */
export function configWith(parts: {
  alerts?: unknown[];
  summaries?: unknown[];
  sources?: Record<string, unknown>;
  channels?: Record<string, string>;
  access?: Record<string, unknown>;
}): Config {
  return configSchema.parse({
    sources: parts.sources ?? {
      emea: {
        vendor: 'comm100',
        dataCenter: 11,
        siteId: 10000,
        timeZone: 'Europe/London',
        auth: { type: 'apiKey', email: 'supervisor@example.com', apiKey: 'fake-comm100-api-key-0001' },
      },
    },
    channels: { ops: `slack:${CHANNEL}`, ...parts.channels },
    alerts: parts.alerts ?? [],
    summaries: parts.summaries ?? [],
    ...(parts.access ? { access: parts.access } : {}),
  });
}

/** The comm100 source `emea` against the fake, behind an uncached memory gate (every poll reaches the fake). */
export function comm100Source(fake: FakeComm100, id = 'emea'): Source {
  const adapter = createComm100Adapter({ ...sourceFor(fake, { timeZone: 'Europe/London' }), id }, { retries: 0, retryBaseDelayMs: 1 });
  return createSource({
    adapter,
    label: 'EMEA',
    gate: createMemoryQuotaGate(),
    token: { key: `comm100:${id}`, concurrency: 2, reserveShare: 0.1, timeZone: 'Europe/London' },
    ttlMs: { queue: 0, agents: 0, activeChats: 0, today: 0, dayStats: 0 },
  });
}

/** The real SlackPlatform talking to the fake Web API, without client-side retries (the outbox retries). */
export function slackPlatform(fake: FakeSlack): SlackPlatform {
  return new SlackPlatform(new webApi.WebClient(BOT_TOKEN, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true }));
}

/**
 * Which Web API calls the fake failed on purpose. The fake records failed calls too; failures
 * injected with `failNext` are taken by the next calls to that method in order, so the calls
 * that failed are known by position.
 */
export function slackLedger(fake: FakeSlack) {
  const injections: Array<{ method: string; start: number; count: number }> = [];
  function failedIndexes(method: string): Set<number> {
    const failed = new Set<number>();
    let cursor = 0;
    for (const i of injections.filter((x) => x.method === method)) {
      cursor = Math.max(cursor, i.start);
      for (let k = 0; k < i.count; k++) failed.add(cursor + k);
      cursor += i.count;
    }
    return failed;
  }
  const succeeded = (method: string) => {
    const failed = failedIndexes(method);
    return fake.callsTo(method).filter((_, i) => !failed.has(i));
  };
  return {
    failNext(count: number, failure: Parameters<FakeSlack['failNext']>[1], method: string) {
      injections.push({ method, start: fake.callsTo(method).length, count });
      fake.failNext(count, failure, method);
    },
    /** Alert and summary messages Slack accepted (not thread replies). */
    posts: () => succeeded('chat.postMessage').filter((c) => !c.body.thread_ts),
    threadReplies: () => succeeded('chat.postMessage').filter((c) => Boolean(c.body.thread_ts)),
    updates: () => succeeded('chat.update'),
    /** Every attempt, failed or not. */
    attempts: (method: string) => fake.callsTo(method),
  };
}

/** Everything a call carried, as one searchable string. */
export function textOf(call: SlackCall): string {
  return JSON.stringify(call.body);
}
