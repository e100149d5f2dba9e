import { afterEach, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { createMemoryHistory, type History } from '../../src/history/index.js';
import { silentLogger } from '../../src/log/logger.js';
import type { Asker } from '../../src/domain/asker.js';
import type { AuditEntry } from '../../src/router/types.js';
import { createWatcher, type Watcher } from '../../src/watcher/create-watcher.js';
import { startFakeComm100 } from '../fakes/fake-comm100.js';
import { startFakeSlack } from '../fakes/fake-slack.js';
import {
  BOT_TOKEN,
  CHANNEL,
  comm100Source,
  configWith,
  connectRedis,
  deleteKeys,
  manualClock,
  slackLedger,
  slackPlatform,
  textOf,
  uniquePrefix,
} from '../watcher/kit.js';
import { routerOver } from '../support/router-kit.js';

const SARA: Asker = { platform: 'slack', userId: 'U0SARA', displayName: 'Sara' };
const OMAR: Asker = { platform: 'slack', userId: 'U0OMAR', displayName: 'Omar' };
// Monday 23 November 2026, 10:00 in London.
const START = '2026-11-23T10:00:00.000Z';
const MINUTE = 60_000;

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A watcher on a fake Comm100 and a fake Slack, with real Redis and History, and the bot's real router in front. */
async function world(rule: Record<string, unknown>) {
  const comm100 = await startFakeComm100({ rateLimit: false });
  const slack = await startFakeSlack({ botToken: BOT_TOKEN, channels: [CHANNEL] });
  const redis: Redis = connectRedis();
  const prefix = uniquePrefix('rules');
  const clock = manualClock(START);
  const history: History = createMemoryHistory();
  const config = configWith({
    alerts: [{ id: 'sales-queue', metric: 'queue.waiting', source: 'emea', queue: 'Sales', channels: ['ops'], ...rule }],
    access: { supervisors: { slackUsers: [SARA.userId] } },
  });
  const source = comm100Source(comm100);
  const watcher: Watcher = createWatcher({
    config,
    sources: [source],
    platforms: [slackPlatform(slack)],
    redis,
    prefix,
    logger: silentLogger(),
    now: clock.now,
    schedule: { pollIntervalMs: 3_600_000 },
    history,
  });
  await watcher.start();
  const audits: AuditEntry[] = [];
  const router = routerOver([source], { config, alerts: watcher.alerts, ruleEditing: watcher.rules, history, now: clock.now, audit: (e) => audits.push(e) });
  cleanups.push(async () => {
    await watcher.stop();
    await comm100.close();
    await slack.close();
    redis.disconnect();
    await deleteKeys(prefix);
  });
  return {
    watcher,
    slack,
    audits,
    history,
    ledger: slackLedger(slack),
    ask: (text: string, asker: Asker = SARA) => router.handle({ text, asker, venue: 'channel' }),
    /** Sets the Sales queue, polls once at the current clock (delivering what is due), then moves the clock on. */
    async poll(waiting: number) {
      comm100.controls.setQueueWaiting('Sales', waiting, { waitSeconds: Array.from({ length: waiting }, () => 90) });
      await watcher.pollOnce();
      clock.advance(MINUTE);
    },
  };
}

const isAlert = (text: string) => text.includes('alert sales-queue:');

describe('alert rules changed from the chat', () => {
  it("refuses a non-editor; a supervisor's change is announced with Undo and applies at the next poll; undo restores it", async () => {
    const w = await world({ above: 10 });
    await w.poll(7);
    const refused = await w.ask('/alerts set sales-queue above 5', OMAR);
    expect(refused.summary).toMatch(/^Changing alert rules is for rule editors/);
    expect(await w.watcher.rules.history('sales-queue')).toEqual([]);
    await w.poll(7);
    expect(w.ledger.posts()).toHaveLength(0);

    const changed = await w.ask('/alerts set sales-queue above 5');
    expect(changed.title).toBe('Changed sales-queue: above 10 → 5');
    await w.watcher.deliver();
    const [announced] = w.ledger.posts();
    expect(textOf(announced!)).toContain('Sara changed sales-queue: above 10 → 5');
    expect(textOf(announced!)).toContain('/alerts undo sales-queue');

    await w.poll(7);
    const alerts = w.ledger.posts().filter((c) => isAlert(textOf(c)));
    expect(alerts).toHaveLength(1);
    expect(textOf(alerts[0]!)).toContain('above 5');

    const rules = await w.ask('/alerts rules');
    expect(JSON.stringify(rules.sections)).toContain('changed in chat by Sara');

    const undone = await w.ask('/alerts undo sales-queue', OMAR);
    expect(undone.summary).toMatch(/^Changing alert rules is for rule editors/);
    expect((await w.ask('/alerts undo sales-queue')).title).toBe('Changed sales-queue: undo: above 5 → 10');
    await w.poll(7);
    // The alert resolves: 7 is back under the file's 10.
    expect(w.ledger.updates().some((c) => isAlert(textOf(c)) && textOf(c).includes('Resolved'))).toBe(true);
    expect(w.ledger.posts().filter((c) => textOf(c).includes('undo: above 5 → 10'))).toHaveLength(1);
    expect((await w.ask('/alerts history sales-queue')).sections?.[0]?.text).toMatch(/v2 · .* Sara: undo: above 5 → 10\nv1 · .* Sara: above 10 → 5/);
    expect(w.audits.map((a) => `${a.action} ${a.target}`)).toEqual([
      'rule.change sales-queue v1: above 10 → 5',
      'rule.change sales-queue v2: undo: above 5 → 10',
    ]);
  });

  it("gives a bad value the schema's own message and changes nothing", async () => {
    const w = await world({ above: 10 });
    expect((await w.ask('/alerts set sales-queue for 5 minutes')).summary).toBe('for: "5 minutes" is not a duration; write it like "90s", "5m" or "1h"');
    expect((await w.ask('/alerts set sales-queue above ten')).summary).toMatch(/^above: expected a number/);
    expect((await w.ask('/alerts set sales-queue channels nowhere')).summary).toMatch(/"nowhere" is neither a name under `channels`/);
    expect((await w.ask('/alerts set sales-queue colour red')).summary).toMatch(/^"colour" cannot be changed from the chat/);
    expect(await w.watcher.rules.history('sales-queue')).toEqual([]);
  });

  it('turns a rule off (its open alert ends in place) and on again', async () => {
    const w = await world({ above: 5 });
    await w.poll(7);
    expect(w.ledger.posts()).toHaveLength(1);
    expect((await w.ask('/alerts off sales-queue')).title).toBe('Changed sales-queue: turned off');
    await w.poll(9);
    await w.poll(9);
    expect(w.ledger.posts().filter((c) => isAlert(textOf(c)))).toHaveLength(1);
    expect(w.ledger.updates().some((c) => textOf(c).includes('Resolved'))).toBe(true);
    expect((await w.ask('/alerts on sales-queue')).title).toBe('Changed sales-queue: turned on');
    await w.poll(9);
    expect(w.ledger.posts().filter((c) => isAlert(textOf(c)))).toHaveLength(2);
  });
});

describe('a rule created in the chat', () => {
  it('is offered as a form, checked like the file, announced, watched at the next poll, and its creation can be undone', async () => {
    const w = await world({ above: 10 });
    const form = await w.ask('/alerts new');
    expect(form.form?.submit).toBe('/alerts create');
    expect(form.form?.fields.map((f) => f.name)).toEqual(['id', 'metric', 'source', 'queue', 'above', 'below', 'for', 'severity', 'channels']);
    expect((await w.ask('/alerts create "id=sales-queue" "metric=queue.waiting" "source=emea" "above=3" "channels=ops"')).form?.errors).toEqual({
      id: 'there is already a rule "sales-queue"',
    });
    const noThreshold = await w.ask('/alerts create "id=sales-busy" "metric=queue.waiting" "source=emea" "channels=ops"');
    expect(noThreshold.form?.errors?.above).toMatch(/set exactly one of `above` or `below`/);
    expect((await w.ask('/alerts create "id=sales-busy" "metric=queue.waiting" "source=emea" "above=3" "channels=ops"', OMAR)).summary).toMatch(
      /^Creating alert rules is for rule editors/,
    );

    const created = await w.ask('/alerts create "id=sales-busy" "metric=queue.waiting" "source=emea" "queue=Sales" "above=3" "for=0s" "channels=ops"');
    expect(created.title).toBe('Changed sales-busy: created: queue.waiting (Sales) on emea above 3');
    await w.poll(5);
    const posts = w.ledger.posts().map((c) => textOf(c));
    expect(posts.some((t) => t.includes('Sara changed sales-busy: created'))).toBe(true);
    expect(posts.filter((t) => t.includes('alert sales-busy:1'))).toHaveLength(1);
    expect(JSON.stringify((await w.ask('/alerts rules')).sections)).toContain('sales-busy — on');

    expect((await w.ask('/alerts undo sales-busy')).title).toBe('Changed sales-busy: undo: turned off');
    await w.poll(5);
    expect(w.ledger.updates().some((c) => textOf(c).includes('alert sales-busy:1') && textOf(c).includes('Resolved'))).toBe(true);
  });
});

describe('the preview', () => {
  // A morning's queue: two busy spells and a blip.
  const SERIES = [0, 2, 4, 6, 8, 11, 12, 9, 7, 4, 2, 0, 1, 6, 6, 3, 9, 13, 14, 12, 8, 6, 3, 1, 0];
  const alertsPosted = async (above: number) => {
    const w = await world({ above, for: '2m', hysteresis: 1, reopenWithin: '0s' });
    for (const waiting of SERIES) await w.poll(waiting);
    return { w, count: w.ledger.posts().filter((c) => isAlert(textOf(c))).length };
  };

  it("counts what the watcher's own evaluation posted over the same recorded figures, for the rule as it is and as changed", async () => {
    const at5 = await alertsPosted(5);
    const at10 = await alertsPosted(10);
    expect(at5.count).toBeGreaterThan(at10.count);
    expect(at10.count).toBeGreaterThan(0);
    // On the watcher that ran with 5: the preview of 10 over what it recorded.
    const preview = await at5.w.ask('/alerts set sales-queue above 10 --preview');
    const times = (n: number) => (n === 1 ? 'once' : `${n} times`);
    expect(preview.title).toBe('Preview · sales-queue: above 5 → 10');
    expect(preview.summary).toContain(`it would have fired ${times(at10.count)} (not ${at5.count})`);
    expect(preview.summary).toContain('Nothing was saved.');
    expect(await at5.w.watcher.rules.history('sales-queue')).toEqual([]);
  });
});
