import { afterEach, describe, expect, it } from 'vitest';
import { createVccliveAdapter } from '../../adapters/vcclive/adapter.js';
import { silentLogger } from '../../src/log/logger.js';
import { createMemoryQuotaGate } from '../../src/quota/memory-gate.js';
import { renderText } from '../../src/reply/render-text.js';
import { createSource } from '../../src/sources/source.js';
import { createWatcher, type Watcher } from '../../src/watcher/create-watcher.js';
import { generateChats, startFakeVcclive, type FakeVcclive } from '../fakes/fake-vcclive.js';
import { startFakeSlack, type FakeSlack } from '../fakes/fake-slack.js';
import { configFor } from '../vcclive/setup.js';
import { BOT_TOKEN, CHANNEL, configWith, slackLedger, slackPlatform, textOf } from './kit.js';
import { eventually } from '../support/eventually.js';
import { alertRecord } from './store-contract.js';

const ZONE = 'Europe/Budapest';

/**
 * A clock that reads `startIso` until `run()`, then runs at real speed from there, so a slow set-up
 * on a busy machine cannot carry it past the cron slot before the watcher has started.
 */
function heldClock(startIso: string) {
  const start = Date.parse(startIso);
  let offset: number | undefined;
  return {
    now: () => new Date(offset === undefined ? start : Date.now() + offset),
    run: () => void (offset = start - Date.now()),
    /** The clock's reading at a real `Date.now()` instant. */
    at: (realMs: number) => realMs + (offset ?? 0),
  };
}

describe('daily summary', () => {
  let vcc: FakeVcclive;
  let slack: FakeSlack;
  let watcher: Watcher | undefined;
  afterEach(async () => {
    await watcher?.stop();
    await vcc.close();
    await slack.close();
  });

  async function setUp(now: () => Date) {
    vcc = await startFakeVcclive({
      chats: [
        // Friday 27 January 2023: 150 chats from 08:00, one a minute, plus 5 more at 09:30.
        ...generateChats(150, { date: '2023-01-27' }),
        ...generateChats(5, { date: '2023-01-27', firstId: 5_000, sessionStartTime: '2023-01-27 09:30:00' }),
        // The Friday before: 124 chats.
        ...generateChats(124, { date: '2023-01-20', firstId: 20_000 }),
      ],
    });
    slack = await startFakeSlack({ botToken: BOT_TOKEN, channels: [CHANNEL] });
    const adapter = createVccliveAdapter({ ...configFor(vcc), id: 'budapest' }, { now, retries: 0, retryBaseDelayMs: 1 });
    const source = createSource({
      adapter,
      gate: createMemoryQuotaGate(),
      token: { key: 'vcclive:acme', concurrency: 1, reserveShare: 0.1, timeZone: ZONE },
      label: 'Budapest',
    });
    const config = configWith({
      sources: { budapest: { vendor: 'vcclive', account: vcc.account, token: vcc.token, projectId: vcc.projectId, timeZone: ZONE } },
      summaries: [{ id: 'evening', cron: '30 18 * * 1-5', timeZone: ZONE, sources: ['budapest'], channel: 'ops' }],
    });
    watcher = createWatcher({
      config,
      sources: [source],
      platforms: [slackPlatform(slack)],
      logger: silentLogger(),
      now,
      schedule: { summaryTickMs: 100, outboxTickMs: 100 },
    });
    return watcher;
  }

  it('posts at its cron time in its time zone, once, with the day against last week, the busiest hour and the day’s alerts', async () => {
    // 18:29:58.5 in Budapest (UTC+1) on Friday 27 January 2023.
    const clock = heldClock('2023-01-27T17:29:58.500Z');
    const w = await setUp(clock.now);
    const at = (hhmm: string) => new Date(`2023-01-27T${hhmm}:00.000+01:00`).toISOString();
    await w.store.commit(
      {
        rules: [],
        alerts: [
          alertRecord('queue-long:1', { source: 'budapest', since: at('09:10'), firedAt: at('09:12'), resolvedAt: at('09:52'), peak: 17 }),
          alertRecord('agents-low:1', { source: 'budapest', since: at('14:00'), firedAt: at('14:00'), resolvedAt: at('14:05'), severity: 'critical' }),
          alertRecord('queue-long:0', {
            source: 'budapest',
            since: '2023-01-26T15:00:00.000Z',
            firedAt: '2023-01-26T15:00:00.000Z',
            resolvedAt: '2023-01-26T15:30:00.000Z',
          }),
          alertRecord('other:1', { source: 'emea', firedAt: at('10:00') }),
        ],
        deliveries: [],
      },
      undefined,
    );
    await w.store.acknowledge('queue-long:1', { by: 'Ana', at: at('09:16') }, []);
    const ledger = slackLedger(slack);
    clock.run();
    await w.start();

    await eventually(() => ledger.posts().length === 1, 'the summary post');
    // Not before its time: the post left once the bot's clock read 18:30 in Budapest.
    expect(clock.at(ledger.attempts('chat.postMessage')[0]!.at)).toBeGreaterThanOrEqual(Date.parse('2023-01-27T17:30:00.000Z'));
    const text = textOf(ledger.posts()[0]!);
    expect(text).toContain('Daily summary — Fri 27 Jan');
    expect(text).toMatch(/Chats: \*155\* \(last Friday by 18:30 124, \+25%\)/);
    expect(text).toContain('Busiest hour: 09:00–10:00 (65 chats)');
    expect(text).toContain('2 alerts fired (1 critical)');
    expect(text).toMatch(/Longest: queue-long, 42m/);
    expect(text).toMatch(/Acknowledged 1 of 2, after 4m/);
    expect(text).toContain('As of 18:30 Europe/Budapest');
    // Once: the slot is claimed (no later tick or replica runs it again) and nothing else waits in the outbox.
    expect(await w.store.claim('summary:evening:2023-01-27T17:30:00.000Z', 60_000)).toBe(false);
    await eventually(async () => (await w.pendingDeliveries()) === 0, 'an empty outbox');
    expect(ledger.posts()).toHaveLength(1);
  });

  it('still goes out when a source cannot answer, saying which figures are missing', async () => {
    const w = await setUp(() => new Date('2023-01-27T17:30:00.000Z'));
    vcc.controls.failAlways('server-error');
    await w.start();
    const reply = await w.runSummary('evening');
    expect(renderText(reply!)).toMatch(/Budapest[\s\S]*Figures not available/);
    expect(renderText(reply!)).toContain('No alerts fired today.');
    expect(slackLedger(slack).posts()).toHaveLength(1);
    expect(await w.runSummary('no-such-summary')).toBeUndefined();
  });
});
