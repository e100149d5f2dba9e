import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/reply/render-text.js';
import { alertReply } from '../../src/watcher/post/alert-replies.js';
import type { AlertRecord } from '../../src/watcher/model/types.js';

/** An early warning as the watcher keeps it: Bogotá's Ventas queue, longest wait heading for 2 min. */
const warning: AlertRecord = {
  id: 'w-1',
  ruleId: 'wait-long',
  source: 'bogota',
  sourceLabel: 'Bogotá',
  timeZone: 'America/Bogota',
  metric: 'queue.longest_wait_seconds',
  queue: 'Ventas',
  severity: 'warning',
  direction: 'above',
  threshold: 120,
  hysteresis: 0,
  channels: ['console'],
  value: 80,
  peak: 80,
  since: '2026-11-21T16:00:00.000Z',
  firedAt: '2026-11-21T16:00:00.000Z',
  posted: true,
  forecast: { inSeconds: 360, slopePerMinute: 9, horizonMs: 900_000 },
};
const text = (record: AlertRecord, locale: string) => renderText(alertReply(record, undefined, locale), { now: new Date('2026-11-21T16:05:00Z') });

describe('early warnings speak the source’s language, as alert posts do', () => {
  it('Spanish: what is coming, the trend, and the button, for a supervisor in Bogotá', () => {
    const reply = alertReply(warning, undefined, 'es');
    expect(reply.title).toBe('Alerta temprana · Espera máxima — Bogotá · Ventas');
    expect(reply.summary).toBe('Ventas: espera máxima pasará 2min en unos 6 min a este ritmo.');
    expect(reply.fields).toEqual([
      { label: 'Ahora', value: '1min 20s' },
      { label: 'Tendencia', value: '+9s por minuto' },
      { label: 'Alerta en', value: 'más de 2min' },
      { label: 'Desde las', value: '11:00' },
    ]);
    expect(reply.buttons?.map((b) => b.label)).toEqual(['Silenciar 1 h']);
    expect(text(warning, 'es')).toContain('Regla wait-long · alerta temprana w-1 (pronóstico 15min)');
  });

  it('Spanish: the warning came true, or the trend cleared', () => {
    const cameTrue = {
      ...warning,
      resolvedAt: '2026-11-21T16:07:00.000Z',
      endReason: 'became-alert' as const,
      forecast: { ...warning.forecast!, alertId: 'a-9' },
    };
    expect(alertReply(cameTrue, undefined, 'es').title).toBe('La alerta temprana se cumplió · Espera máxima — Bogotá · Ventas');
    expect(alertReply(cameTrue, undefined, 'es').summary).toBe('Espera máxima pasó 2min: la alerta a-9 se disparó a las 11:07, 7min después de este aviso.');
    const cleared = { ...warning, resolvedAt: '2026-11-21T16:07:00.000Z', endReason: 'trend-cleared' as const };
    expect(alertReply(cleared, undefined, 'es').summary).toBe('La tendencia ya no apunta a pasar 2min; espera máxima: 1min 20s.');
  });

  it('Hungarian and German: the same warning, each in its own words', () => {
    expect(alertReply(warning, undefined, 'hu').title).toMatch(/^Korai figyelmeztetés · /);
    expect(alertReply(warning, undefined, 'hu').summary).toContain('ilyen ütemben nagyjából 6 perc múlva átlépi ezt');
    // German nouns keep their capital inside the sentence.
    expect(alertReply(warning, undefined, 'de').summary).toMatch(/^Ventas: Längste Wartezeit überschreitet bei diesem Tempo in etwa 6 Min\. /);
  });

  it('English stays as supervisors read it before', () => {
    expect(alertReply(warning, undefined, 'en').summary).toBe('Ventas: longest wait will pass 2m in about 6 min at this rate.');
  });
});
