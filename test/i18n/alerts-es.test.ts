import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/reply/render-text.js';
import type { Asker } from '../../src/domain/asker.js';
import type { AlertService, AlertView } from '../../src/watcher/model/alert-service.js';
import { createMemoryRuleStore } from '../../src/rules/rule-store.js';
import { createRuleEditing } from '../../src/rules/rule-service.js';
import { announcement } from '../../src/rules/rule-replies.js';
import { formModal } from '../../src/platforms/slack/form-modal.js';
import { DEMO_SUPERVISOR_ID, demoRouter } from '../support/router-kit.js';

const NOW = new Date('2026-11-20T15:10:00Z'); // Friday 10:10 in Bogotá
const FIRING: AlertView = {
  id: 'queue-long:demo',
  ruleId: 'queue-long',
  source: 'demo',
  metric: 'queue.waiting',
  phase: 'firing',
  severity: 'critical',
  value: 12,
  peak: 14,
  threshold: 8,
  direction: 'above',
  since: '2026-11-20T15:02:00Z',
};

/** The demo's router with one firing alert and rules editable from the chat. */
function world(firing: AlertView[] = [FIRING]) {
  const silences: Array<{ ruleId: string; until: string; by: string }> = [];
  const alerts: AlertService = {
    firing: async () => firing,
    acknowledge: async (id, by) => {
      const alert = firing.find((a) => a.id === id);
      return alert && { ...alert, phase: 'acknowledged', acknowledgedBy: by.displayName, first: true };
    },
    silence: async (ruleId, ms, by) => {
      silences.push({ ruleId, until: new Date(NOW.getTime() + ms).toISOString(), by: by.displayName ?? by.userId });
      return { until: silences.at(-1)!.until };
    },
    silences: async () => silences,
    unsilence: async (ruleId) => silences.find((s) => s.ruleId === ruleId),
  };
  const { config } = demoRouter();
  const ruleEditing = createRuleEditing({ config, store: createMemoryRuleStore(), now: () => NOW, zoneOf: () => 'America/Bogota' });
  const { router } = demoRouter({ alerts, ruleEditing, now: () => NOW });
  return (text: string, asker: Asker = ANA) => router.handle({ text, asker, venue: 'channel' });
}

/** A supervisor in Bogotá whose Slack speaks Latin American Spanish. */
const ANA: Asker = { platform: 'slack', userId: DEMO_SUPERVISOR_ID, displayName: 'Ana', locale: 'es-LA' };

describe('/alerts in Spanish', () => {
  it('the overview: rules, what is firing, and the buttons', async () => {
    const reply = await world()('/alerts');
    expect(reply.title).toBe('Alertas');
    expect(reply.summary).toBe('1 regla · 1 disparada');
    expect(reply.table?.columns).toEqual(['Regla', 'Métrica', 'Cuándo', 'Durante', 'Canales', 'Horario activo']);
    expect(reply.table?.rows[0]).toEqual(['queue-long', 'queue.waiting', '> 8 en demo', 'de inmediato', 'ops', 'siempre']);
    const text = renderText(reply, { now: NOW });
    expect(text).toContain('queue-long — disparada (crítica)');
    expect(text).toContain('queue.waiting en demo está en 12 (umbral > 8, pico 14)');
    expect(text).toContain('desde las 10:02 (hace 8 min)');
    expect(reply.buttons?.map((b) => b.label)).toEqual(['Reconocer', 'Silenciar 1 h', 'Actualizar']);
  });

  it('acknowledge, silence and lift the silence', async () => {
    const ask = world();
    const acked = await ask('/alerts ack queue-long:demo');
    expect([acked.title, acked.summary]).toEqual(['queue-long reconocida', 'queue.waiting en demo — reconocida por Ana.']);
    const silenced = await ask('/alerts silence queue-long 30m');
    expect(silenced.title).toBe('queue-long silenciada');
    expect(silenced.summary).toBe('Sin notificaciones de queue-long hasta las 10:40 (30min), por Ana.');
    expect(silenced.buttons?.map((b) => [b.label, b.value])).toEqual([['Quitar silencio', '/alerts unsilence queue-long']]);
    const lifted = await ask('/alerts unsilence queue-long');
    expect(lifted.title).toBe('queue-long vuelve a notificar');
  });

  it('an agent who may not act is refused in Spanish', async () => {
    const reply = await world()('/alerts silence queue-long 1h', { platform: 'slack', userId: 'U0AGENT', displayName: 'Omar', locale: 'es-419' });
    expect(reply.summary).toBe('Silenciar alertas es para supervisores. Pida a su administrador que lo agregue a access.supervisors.');
  });

  it('a duration it cannot read, and a subcommand it does not know', async () => {
    const ask = world();
    expect(renderText(await ask('/alerts silence queue-long pronto'))).toContain('"pronto" no es una duración entre 1m y 7d; escríbala como 30m, 2h o 1d.');
    expect(renderText(await ask('/alerts borrar'))).toContain('"borrar" no es algo que haga /alerts: use /alerts, /alerts ack <alert id>');
  });
});

describe('alert rules from the chat in Spanish', () => {
  it('a change previewed, saved, listed and undone; field names and values stay as typed', async () => {
    const ask = world();
    const preview = await ask('/alerts set queue-long above 15 --preview');
    expect(preview.title).toBe('Vista previa · queue-long: above 8 → 15');
    expect(preview.summary).toMatch(/^Todavía no hay cifras registradas .* No se guardó nada\.$/);
    expect(preview.buttons?.[0]?.label).toBe('Guardarlo');
    const saved = await ask('/alerts set queue-long above 15');
    expect(saved.title).toBe('queue-long cambiada: above 8 → 15');
    expect(saved.buttons?.[0]?.label).toBe('Deshacer');
    const rules = renderText(await ask('/alerts rules'));
    expect(rules).toContain('Reglas de alerta');
    expect(rules).toContain('queue-long — activa');
    expect(rules).toContain('queue.waiting en demo: por encima de 15, durante 0s, histéresis 0, reabrir dentro de');
    expect(rules).toContain('cambiada en el chat por Ana a las 10:10 (versión 1: above sobre el archivo)');
    expect((await ask('/alerts off queue-long')).title).toBe('queue-long cambiada: desactivada');
    expect((await ask('/alerts off queue-long')).summary).toBe('queue-long ya está inactiva.');
    expect((await ask('/alerts undo queue-long')).title).toBe('queue-long cambiada: deshacer: activada');
    const history = await ask('/alerts history queue-long');
    expect(history.summary).toBe('3 cambios en el chat, el más reciente primero; la versión 0 es el archivo.');
  });

  it('the edit form and the new-rule form, as a Slack modal in Spanish', async () => {
    const ask = world();
    const edit = await ask('/alerts edit queue-long');
    expect(edit.form?.submitLabel).toBe('Guardar');
    expect(edit.form?.fields.map((f) => f.label).slice(0, 3)).toEqual([
      'Disparar por encima de',
      'Debe mantenerse durante',
      'Resolver solo al bajar esto (histéresis)',
    ]);
    const created = await ask('/alerts new');
    const modal = formModal(created.form!, created.locale) as { title: { text: string }; submit: { text: string }; close: { text: string } };
    expect([modal.title.text, modal.submit.text, modal.close.text]).toEqual(['Nueva regla de alerta', 'Crear', 'Cancelar']);
    expect(created.form?.fields.find((f) => f.name === 'above')?.hint).toBe('Complete este o Disparar por debajo de');
  });

  it('the announcement in the rule’s channels speaks the source’s language', () => {
    const reply = announcement(
      { ruleId: 'queue-long', version: 2, by: 'Ana', at: NOW.toISOString(), change: 'turned off' } as never,
      undefined,
      'America/Bogota',
      'es',
    );
    expect(reply.title).toBe('Ana cambió queue-long: desactivada');
    expect(reply.buttons?.[0]?.label).toBe('Deshacer');
  });
});

describe('Hungarian plurals: the noun stays singular after a number', () => {
  it('/alerts counts rules and firing alerts', async () => {
    const second: AlertView = { ...FIRING, id: 'queue-long:demo2', severity: 'warning' };
    const reply = await world([FIRING, second])('/alerts', { ...ANA, locale: 'hu-HU' });
    expect(reply.title).toBe('Riasztások');
    expect(reply.summary).toBe('1 szabály · 2 riaszt');
    expect(reply.buttons?.map((b) => b.label).slice(0, 2)).toEqual(['Nyugtázás: queue-long', 'Némítás 1 órára: queue-long']);
  });
});
