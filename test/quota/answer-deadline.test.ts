import { afterEach, describe, expect, it } from 'vitest';
import { withinAnswerDeadline } from '../../src/quota/answer-deadline.js';
import { createMemoryQuotaGate } from '../../src/quota/memory-gate.js';
import type { GateRequest, QuotaGate, TokenPolicy } from '../../src/quota/quota-gate.js';
import { meterRequest } from '../../src/quota/request-meter.js';
import { VendorBusyError } from '../../src/quota/vendor-busy.js';

/** One slot: whoever holds it makes every other question wait for it. */
const token: TokenPolicy = { key: 'wolkvox:0032', concurrency: 1, dailyBudget: 100, reserveShare: 0, timeZone: 'America/Bogota' };

let clock = Date.parse('2026-11-20T15:00:00Z');
let gate: QuotaGate;
afterEach(() => gate.close());

function question<T>(key: string, fetch: GateRequest<T>['fetch'], ttlMs = 20_000): GateRequest<T> {
  return { token, source: 'bogota', vendor: 'wolkvox', key, endpoint: 'queue', ttlMs, priority: 'interactive', fetch };
}

/** A question whose one vendor request holds the token's slot until `letGo`. */
function holdTheSlot() {
  let taken!: () => void;
  const slotTaken = new Promise<void>((resolve) => (taken = resolve));
  let letGo!: () => void;
  const held = new Promise<void>((resolve) => (letGo = resolve));
  const answer = gate.run(
    question('bogota:agents', async () => {
      const release = await meterRequest({ endpoint: 'agents' });
      taken();
      await held;
      release();
      return 'agents';
    }),
  );
  return { slotTaken, letGo, answer };
}

/** Asks under an answer deadline the test passes by hand; `sent` counts the requests that left. */
function askWithDeadline(key: string, sent: { count: number }) {
  const due = new AbortController();
  const answer = withinAnswerDeadline({ signal: due.signal, withinMs: 30_000 }, () =>
    gate.run(
      question(key, async () => {
        const release = await meterRequest({ endpoint: 'queue' });
        sent.count += 1;
        release();
        return `fresh ${key}`;
      }),
    ),
  );
  return { answer, due };
}

describe('a question past its answer deadline', () => {
  it('says the vendor is busy and when to try again, and its abandoned fetch never spends a request', async () => {
    gate = createMemoryQuotaGate({ now: () => clock });
    const holder = holdTheSlot();
    await holder.slotTaken;
    const sent = { count: 0 };
    const late = askWithDeadline('bogota:queue', sent);
    late.due.abort();
    const failure = await late.answer.catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(VendorBusyError);
    expect(failure).toMatchObject({ vendor: 'wolkvox', reason: 'too-many-concurrent' });
    expect((failure as VendorBusyError).retryInSeconds).toBeGreaterThanOrEqual(5);

    holder.letGo();
    await holder.answer;
    // The next question takes the freed slot; the abandoned one, ahead of it in line, would have had it first.
    const next = await gate.run(question('bogota:today', async () => (await meterRequest({ endpoint: 'today' }))() ?? 'today'));
    expect(next.stale).toBe(false);
    expect(sent.count).toBe(0);
    expect((await gate.usage(token)).usedToday).toBe(2);
  });

  it('answers with the last answer and its age when there is one', async () => {
    gate = createMemoryQuotaGate({ now: () => clock });
    const sent = { count: 0 };
    const early = askWithDeadline('bogota:queue', sent);
    expect(await early.answer).toMatchObject({ value: 'fresh bogota:queue', stale: false });
    const fetchedAt = clock;
    clock += 5 * 60_000; // the cached answer is now 5 minutes old, past its 20 s
    const holder = holdTheSlot();
    await holder.slotTaken;
    const late = askWithDeadline('bogota:queue', sent);
    late.due.abort();
    const answer = await late.answer;
    expect(answer).toMatchObject({ value: 'fresh bogota:queue', stale: true, fetchedAt, fromCache: true });
    expect(answer.stale && answer.retryInSeconds).toBeGreaterThanOrEqual(5);
    expect(answer.stale && answer.staleReason).toMatch(/^wolkvox is busy; .*try again in about \d+ s$/);
    holder.letGo();
    await holder.answer;
    expect(sent.count).toBe(1);
  });

  it('leaves a fetch others still wait for running: only the asker whose deadline passed stops waiting', async () => {
    gate = createMemoryQuotaGate({ now: () => clock });
    const holder = holdTheSlot();
    await holder.slotTaken;
    const sent = { count: 0 };
    const late = askWithDeadline('bogota:queue', sent);
    const patient = gate.run(question('bogota:queue', async () => 'never led'));
    late.due.abort();
    await expect(late.answer).rejects.toBeInstanceOf(VendorBusyError);
    holder.letGo();
    expect(await patient).toMatchObject({ value: 'fresh bogota:queue', stale: false });
    expect(sent.count).toBe(1);
  });
});
