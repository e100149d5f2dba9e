import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildSources } from '../../src/app/build-sources.js';
import { parseConfigText } from '../../src/config/load.js';
import type { Asker } from '../../src/domain/asker.js';
import { silentLogger } from '../../src/log/logger.js';
import { createMemoryQuotaGate } from '../../src/quota/memory-gate.js';
import type { QuotaGate } from '../../src/quota/quota-gate.js';
import type { AnswerTimer } from '../../src/router/answer-timer.js';
import type { Router } from '../../src/router/index.js';
import { routerOver } from '../support/router-kit.js';
import { eventually } from '../support/eventually.js';
import { startFakeWolkvox, type FakeWolkvox } from '../fakes/fake-wolkvox.js';

const SUPERVISOR: Asker = { platform: 'slack', userId: 'U0SUP', displayName: 'Sara' };

/** The moment an answer is due: no clock, the test passes the deadline of every answer under way. */
function manualDeadline(): AnswerTimer & { pass(): void; started: () => number } {
  const waiting = new Set<() => void>();
  let started = 0;
  return {
    withinMs: 30_000,
    start(onDue) {
      started += 1;
      waiting.add(onDue);
      return () => waiting.delete(onDue);
    },
    pass() {
      for (const onDue of [...waiting]) onDue();
    },
    started: () => started,
  };
}

let vendor: FakeWolkvox;
let gate: QuotaGate;
let close: () => Promise<void>;
let router: Router;
let deadline: ReturnType<typeof manualDeadline>;
let clock: number;

beforeEach(async () => {
  vendor = await startFakeWolkvox();
  const config = parseConfigText(
    `
sources:
  bogota: { vendor: wolkvox, label: Bogotá, server: "0032", token: ${vendor.token}, timeZone: America/Bogota, baseUrl: "${vendor.url}", skills: [101] }
access:
  supervisors: { slackUsers: [${SUPERVISOR.userId}] }
`,
    {},
  ).config;
  clock = Date.now();
  gate = createMemoryQuotaGate({ now: () => clock });
  const built = buildSources({ config, gate, logger: silentLogger() });
  close = built.close;
  deadline = manualDeadline();
  router = routerOver(built.sources, { config, answerTimer: deadline, now: () => new Date(clock) });
});
afterEach(async () => {
  await gate.close();
  await close();
  await vendor.close();
});

describe('a command that cannot get a wolkvox answer before it is due', () => {
  it('answers "wolkvox is busy; try again in about N s" instead of staying silent, in the asker’s language', async () => {
    const held = vendor.hold();
    const english = router.handle({ text: '/queue', asker: SUPERVISOR, venue: 'direct' });
    await held.arrived;
    deadline.pass();
    const reply = await english;
    expect(reply.title).toBe('/queue: wolkvox is busy');
    expect(reply.summary).toMatch(/^wolkvox is busy with other requests right now; try again in about \d+ s\.$/);

    const spanish = router.handle({ text: '/queue', asker: { ...SUPERVISOR, locale: 'es' }, venue: 'direct' });
    await eventually(() => deadline.started() === 2, "the next command's deadline to start");
    deadline.pass();
    const respuesta = await spanish;
    expect(respuesta.title).toBe('/queue: wolkvox está ocupado');
    expect(respuesta.summary).toMatch(/^wolkvox está ocupado con otras solicitudes en este momento; intente de nuevo en unos \d+ s\.$/);
    held.release();
  });

  it('answers with the last answer, its age and when to try again, when there is one', async () => {
    const first = await router.handle({ text: '/queue', asker: SUPERVISOR, venue: 'direct' });
    expect(first.context?.staleReason).toBeUndefined();
    const answeredAt = new Date(clock).toISOString();
    clock += 5 * 60_000; // five minutes later the cached answer is no longer fresh
    const held = vendor.hold();
    const later = router.handle({ text: '/queue', asker: SUPERVISOR, venue: 'direct' });
    await held.arrived;
    deadline.pass();
    const reply = await later;
    expect(reply.title).toBe(first.title);
    expect(reply.context?.asOf).toBe(answeredAt);
    expect(reply.context?.staleReason).toMatch(/^wolkvox is busy; this is the last answer; try again in about \d+ s$/);
    held.release();
  });
});
