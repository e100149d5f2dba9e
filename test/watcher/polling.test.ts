import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/logger.js';
import { createConsolePlatform } from '../../src/platforms/console/console-platform.js';
import { createWatcher, type Watcher } from '../../src/watcher/create-watcher.js';
import { watcherReadiness } from '../../src/watcher/leader/readiness.js';
import { startFakeComm100, type FakeComm100 } from '../fakes/fake-comm100.js';
import { collectingLogger, comm100Source, configWith } from './kit.js';
import { createComm100Adapter } from '../../adapters/comm100/adapter.js';
import { createMemoryQuotaGate } from '../../src/quota/memory-gate.js';
import { createSource } from '../../src/sources/source.js';
import { sourceFor } from '../comm100/setup.js';

const manual = { pollIntervalMs: 3_600_000 };

describe('polling the vendors', () => {
  let comm100: FakeComm100;
  let watcher: Watcher | undefined;
  afterEach(async () => {
    await watcher?.stop();
    await comm100.close();
  });

  /** The embedded default: memory state, alerts printed on the console channel. */
  async function embedded(alerts: unknown[], logger = silentLogger()) {
    comm100 = await startFakeComm100({ rateLimit: false });
    const printed: string[] = [];
    watcher = createWatcher({
      config: configWith({ alerts }),
      sources: [comm100Source(comm100)],
      platforms: [createConsolePlatform((t) => printed.push(t))],
      logger,
      schedule: manual,
    });
    await watcher.start();
    return { watcher, printed };
  }

  it('calls only the vendor endpoints some rule needs', async () => {
    const { watcher } = await embedded([{ metric: 'queue.waiting', source: 'emea', above: 5, channels: ['console'] }]);
    comm100.controls.resetCalls();
    await watcher.pollOnce();
    expect(comm100.controls.calls('livechat/realTime/Queue')).toBe(1);
    expect(comm100.controls.calls('livechat/realTime/Agents')).toBe(0);
    expect(comm100.controls.calls('livechat/realTime/Today')).toBe(0);
    expect(watcher.lastPolls().emea).toMatchObject({ ok: true });
  });

  it('prints a firing alert on the console channel in the embedded default', async () => {
    const { watcher, printed } = await embedded([
      { id: 'sales', metric: 'queue.waiting', source: 'emea', queue: 'Sales', above: 5, severity: 'critical', channels: ['console'] },
    ]);
    comm100.controls.setQueueWaiting('Sales', 7);
    await watcher.pollOnce();
    expect(printed.join('')).toMatch(/\[console:1\] @here\n\s+Critical · Chats waiting 7 — EMEA · Sales/);
    comm100.controls.setQueueWaiting('Sales', 0);
    await watcher.pollOnce();
    expect(printed.join('')).toMatch(/\[console:1 updated\]\n\s+Resolved · Chats waiting — EMEA · Sales/);
  });

  it('skips a metric whose vendor call failed, records the failure for /readyz, and still evaluates the rest', async () => {
    const { logger, lines } = collectingLogger();
    const { watcher, printed } = await embedded(
      [
        { id: 'sales', metric: 'queue.waiting', source: 'emea', queue: 'Sales', above: 5, channels: ['console'] },
        { id: 'nobody', metric: 'agents.available', source: 'emea', below: 10, channels: ['console'] },
      ],
      logger,
    );
    comm100.controls.setQueueWaiting('Sales', 7);
    comm100.controls.fail({ kind: 'status', status: 503 }, { path: 'livechat/realTime/Queue', times: 1 });
    await watcher.pollOnce();
    expect(printed.join('')).toContain('Agents free');
    expect(printed.join('')).not.toContain('Chats waiting');
    const status = watcher.lastPolls().emea!;
    expect(status.ok).toBe(false);
    expect(status.error).toMatch(/^queue: /);
    expect(lines.filter((l) => /a metric could not be read/.test(l.msg) && l.capability === 'queue')).toHaveLength(1);
    const check = await watcherReadiness(watcher).check();
    expect(check).toMatchObject({ ok: false, required: false });
    expect(check.detail).toMatch(/^leader; emea failing \(queue: /);

    await watcher.pollOnce();
    expect(printed.join('')).toContain('Chats waiting 7');
    expect(watcher.lastPolls().emea).toMatchObject({ ok: true });
    // The failure took two log lines: when it began and when it ended, not one per poll.
    expect(lines.filter((l) => /a metric can be read again/.test(l.msg) && l.capability === 'queue')).toHaveLength(1);
  });

  it('asks for figures no older than half its interval, even when the cache keeps them longer, and says how old they are', async () => {
    comm100 = await startFakeComm100({ rateLimit: false });
    let clock = Date.parse('2026-11-30T14:00:00Z');
    const now = () => new Date(clock);
    // The cache keeps queue figures for 20 s (the default); polls come every 8 s.
    const adapter = createComm100Adapter({ ...sourceFor(comm100, { timeZone: 'Europe/London' }), id: 'emea' }, { retries: 0, retryBaseDelayMs: 1 });
    const source = createSource({
      adapter,
      label: 'EMEA',
      gate: createMemoryQuotaGate({ now: () => clock }),
      token: { key: 'comm100:emea', concurrency: 2, reserveShare: 0.1, timeZone: 'Europe/London' },
    });
    watcher = createWatcher({
      config: configWith({ alerts: [{ metric: 'queue.waiting', source: 'emea', above: 5, channels: ['console'] }] }),
      sources: [source],
      platforms: [createConsolePlatform(() => undefined)],
      logger: silentLogger(),
      schedule: manual,
      now,
    });
    await watcher.start();
    comm100.controls.resetCalls();
    for (let poll = 0; poll < 4; poll++) {
      await watcher.pollOnce();
      clock += 8_000;
    }
    expect(comm100.controls.calls('livechat/realTime/Queue')).toBe(4);
    // Later, a supervisor asks (the cache has expired) and a poll comes a second after: it uses that answer.
    clock += 13_000;
    await source.queue('interactive');
    expect(comm100.controls.calls('livechat/realTime/Queue')).toBe(5);
    clock += 1_000;
    await watcher.pollOnce();
    expect(comm100.controls.calls('livechat/realTime/Queue')).toBe(5);
    const check = await watcherReadiness(watcher, { now: () => clock }).check();
    expect(check.detail).toMatch(/emea ok, polled \d+s ago, data 1s old/);
  });

  it('warns once at start about a rule its source can never answer, and polls nothing for it', async () => {
    const { logger, lines } = collectingLogger();
    const { watcher } = await embedded([{ id: 'unanswered', metric: 'chats.unanswered', source: 'emea', above: 0, channels: ['console'] }], logger);
    expect(lines.filter((l) => String(l.msg).includes('rule unanswered will never fire: chats.unanswered is not available for comm100'))).toHaveLength(1);
    comm100.controls.resetCalls();
    await watcher.pollOnce();
    await watcher.pollOnce();
    expect(comm100.controls.calls()).toBe(0);
    expect(await watcher.alerts.firing()).toEqual([]);
  });
});
