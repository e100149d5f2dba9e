import { describe, expect, it } from 'vitest';
import { VendorError } from '../../src/domain/errors.js';
import { QuotaSpentError, type QuotaGate } from '../../src/quota/quota-gate.js';
import { createMemoryQuotaGate } from '../../src/quota/memory-gate.js';
import { createSource } from '../../src/sources/source.js';
import { renderText } from '../../src/reply/render-text.js';
import { classifyWolkvoxAnswer } from '../../adapters/wolkvox/errors.js';
import { classifyVccliveStatus } from '../../adapters/vcclive/errors.js';
import type { Asker } from '../../src/domain/asker.js';
import { collectingLogger, countingAdapter, routerOver, sourceFor, type FakeData } from '../support/router-kit.js';

/** A Spanish-speaking supervisor in Bogotá (Slack says es-LA). */
const ANA: Asker = { platform: 'slack', userId: 'U0SUPER', displayName: 'Ana', locale: 'es-LA' };

function askIn(data: FakeData, options: Parameters<typeof countingAdapter>[2] = {}) {
  const { logger, lines } = collectingLogger();
  const router = routerOver([sourceFor(countingAdapter('bogota', data, options), 'Bogotá')], { logger });
  return { lines, ask: (text: string, asker: Asker = ANA) => router.handle({ text, asker, venue: 'channel' }) };
}

const vendorError = (init: Partial<ConstructorParameters<typeof VendorError>[0]>) =>
  new VendorError({ kind: 'refused', reason: 'auth', source: 'bogota', vendor: 'wolkvox', detail: 'HTTP 403: PLEASE VALIDATE TOKEN', ...init });

describe('vendor failures in Spanish: the sentence in the asker’s language, the log in English', () => {
  it('a wolkvox token refused: the adapter’s own sentence, translated; the log keeps the English detail', async () => {
    const classified = classifyWolkvoxAnswer(403, '{"code":403,"msg":"PLEASE VALIDATE TOKEN"}')!;
    const { ask, lines } = askIn({ failWith: vendorError({ ...classified, detail: classified.detail! }) });
    const reply = await ask('/queue');
    expect(reply.title).toBe('/queue: wolkvox rechazó la solicitud');
    expect(reply.summary).toBe('wolkvox no aceptó el token de la API del bot. Pida a su administrador que revise el token de esta fuente en la configuración.');
    expect(lines).toContainEqual(
      expect.objectContaining({ vendorError: expect.objectContaining({ reason: 'auth', detail: 'HTTP 403: PLEASE VALIDATE TOKEN' }) }),
    );
  });

  it('an outage with no sentence of its own says the reason’s default', async () => {
    const { ask } = askIn({ failWith: vendorError({ kind: 'unavailable', reason: 'timeout', vendor: 'Comm100', detail: 'timed out after 10 s' }) });
    expect((await ask('/agents')).summary).toBe('Comm100 tardó demasiado en responder. Intente de nuevo en un minuto.');
  });

  it('the vendor’s own words stay as it wrote them, inside the translated sentence', async () => {
    const refine = classifyVccliveStatus({ projectId: '822' });
    const said = refine(403, '{"errors":["IP not allowed"]}')!;
    const { ask } = askIn({ failWith: vendorError({ ...said, vendor: 'VCC Live', detail: said.detail! }) });
    const text = renderText(await ask('/queue'));
    expect(text).toContain('VCC Live rechazó la llamada del bot (HTTP 403). VCC Live solo admite llamadas a la API desde rangos de IP registrados');
    expect(text).toContain('pueda leer el proyecto 822.');
  });

  it('a spent quota with nothing cached, and a command the vendor cannot answer', async () => {
    expect((await askIn({ failWith: new QuotaSpentError('wolkvox:0032:ab12', 'wolkvox') }).ask('/today')).summary).toBe(
      'La cuota de la API de wolkvox para hoy está agotada y no hay una respuesta anterior para mostrar. Las cifras vuelven después de la medianoche (hora de la operación).',
    );
    const reply = await askIn({}, { vendor: 'comm100', capabilities: ['queue'] }).ask('/handoffs');
    expect(reply.summary).toBe('Esto no está disponible para comm100 (fuente Bogotá).');
  });

  it('an English asker reads the same errors in English', async () => {
    const { ask } = askIn({ failWith: vendorError({ kind: 'unavailable', reason: 'timeout', vendor: 'Comm100', detail: 'x' }) });
    expect((await ask('/agents', { ...ANA, locale: 'en-US' })).summary).toBe('Comm100 took too long to answer. Try again in a minute.');
  });
});

describe('stale answers say why in the asker’s language', () => {
  it('the vendor stopped answering: the last answer, with the reason in Spanish', async () => {
    let clock = Date.parse('2026-11-21T15:00:00Z');
    const data: FakeData = { queue: { queues: [{ name: 'Ventas', waiting: 2 }], totals: { waiting: 2 } } };
    const adapter = countingAdapter('bogota', data);
    const gate: QuotaGate = createMemoryQuotaGate({ now: () => clock });
    const source = createSource({
      adapter,
      gate,
      label: 'Bogotá',
      token: { key: adapter.quotaKey, concurrency: 2, reserveShare: 0.1, timeZone: adapter.timeZone },
    });
    const router = routerOver([source]);
    await router.handle({ text: '/queue', asker: ANA, venue: 'channel' });
    clock += 60_000;
    data.failWith = vendorError({ kind: 'unavailable', reason: 'network', vendor: 'wolkvox', detail: 'ECONNRESET' });
    const reply = await router.handle({ text: '/queue', asker: ANA, venue: 'channel' });
    expect(reply.context?.staleReason).toBe('wolkvox no responde');
    expect(renderText(reply)).toContain('wolkvox no responde');
  });
});
