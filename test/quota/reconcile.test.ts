import { collectingLogger } from '../support/collecting-logger.js';
import { afterEach, describe, expect, it } from 'vitest';
import { VendorError } from '../../src/domain/errors.js';
import type { Capability, VendorAdapter } from '../../adapters/port.js';
import { createMemoryQuotaGate } from '../../src/quota/memory-gate.js';
import type { QuotaGate, TokenPolicy } from '../../src/quota/quota-gate.js';
import { startTokenReconciler, type TokenReconciler } from '../../src/quota/reconcile.js';
import { createSource } from '../../src/sources/source.js';
import type { TokenUsage } from '../../src/domain/types.js';

const policy = (key: string): TokenPolicy => ({ key, concurrency: 2, dailyBudget: 1_000, reserveShare: 0.1, timeZone: 'America/Bogota' });

/** A source whose adapter reports `usage()` as the vendor's token count (or has no such capability). */
function source(id: string, token: TokenPolicy, gate: QuotaGate, usage?: () => Promise<TokenUsage>) {
  const capabilities = new Set<Capability>(usage ? ['queue', 'tokenUsage'] : ['queue']);
  const adapter: VendorAdapter = {
    id,
    vendor: 'wolkvox',
    timeZone: token.timeZone,
    capabilities,
    quotaKey: token.key,
    ...(usage ? { tokenUsage: () => usage() } : {}),
  };
  return createSource({ adapter, gate, token });
}

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0)) await step();
});

function track(reconciler: TokenReconciler, gate: QuotaGate): TokenReconciler {
  cleanup.push(
    () => reconciler.stop(),
    () => gate.close(),
  );
  return reconciler;
}

describe('the token reconciler', () => {
  it("raises the gate's day count to the vendor's at start and again every interval", async () => {
    const gate = createMemoryQuotaGate();
    const token = policy('wolkvox:0032:aa');
    const counts = [400, 650];
    // Resolves when the interval's round has read the vendor's second count.
    let secondRead!: () => void;
    const secondRound = new Promise<void>((resolve) => (secondRead = resolve));
    const readUsedToday = async () => {
      const count = counts.shift() ?? 650;
      if (counts.length === 0) secondRead();
      return count;
    };
    const reconciler = track(
      startTokenReconciler({
        gate,
        sources: [source('bogota', token, gate, async () => ({ limit: 1_000, usedToday: 0 }))],
        logger: collectingLogger().logger,
        intervalMs: 40,
        readUsedToday,
      }),
      gate,
    );
    await reconciler.firstRound;
    expect(await gate.usage(token)).toMatchObject({ usedToday: 400, left: 600 });
    await secondRound;
    await reconciler.runOnce(); // the round that read it has finished raising the counter
    expect(await gate.usage(token)).toMatchObject({ usedToday: 650, left: 350 });
  });

  it('asks the vendor once per token, and never for sources that cannot report usage', async () => {
    const gate = createMemoryQuotaGate();
    const shared = policy('wolkvox:0032:bb');
    const asked: string[] = [];
    const sources = [
      source('bogota', shared, gate, async () => ({ limit: 1_000, usedToday: 1 })),
      source('medellin', shared, gate, async () => ({ limit: 1_000, usedToday: 1 })),
      source('emea', policy('comm100:11:cc'), gate),
    ];
    const reconciler = track(
      startTokenReconciler({ gate, sources, logger: collectingLogger().logger, readUsedToday: async (s) => (asked.push(s.id), 10) }),
      gate,
    );
    await reconciler.firstRound;
    expect(asked).toEqual(['bogota']);
  });

  it("reads the vendor's count through the gate by default (with a real adapter that is one metered request: metering.test.ts)", async () => {
    const gate = createMemoryQuotaGate();
    const token = policy('wolkvox:0032:dd');
    const reconciler = track(
      startTokenReconciler({
        gate,
        sources: [source('bogota', token, gate, async () => ({ limit: 1_000, usedToday: 120 }))],
        logger: collectingLogger().logger,
      }),
      gate,
    );
    await reconciler.firstRound;
    expect(await gate.usage(token)).toMatchObject({ usedToday: 120, left: 880 });
  });

  it('logs a vendor that cannot be read and keeps the count as it was', async () => {
    const gate = createMemoryQuotaGate();
    const token = policy('wolkvox:0032:ee');
    const log = collectingLogger();
    const refused = new VendorError({
      kind: 'refused',
      reason: 'auth',
      source: 'bogota',
      vendor: 'wolkvox',
      status: 403,
      userMessage: 'check the token',
      detail: 'PLEASE VALIDATE TOKEN',
    });
    const reconciler = track(startTokenReconciler({ gate, sources: [source('bogota', token, gate, () => Promise.reject(refused))], logger: log.logger }), gate);
    await reconciler.firstRound;
    expect(log.warnings()).toHaveLength(1);
    expect(log.warnings()[0]).toMatchObject({ source: 'bogota', msg: expect.stringMatching(/could not read the vendor count/) });
    // This stand-in adapter sends no HTTP request, so nothing was metered: the count stays at 0.
    expect((await gate.usage(token)).usedToday).toBe(0);
  });
});
