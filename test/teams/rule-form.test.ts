import { afterEach, describe, expect, it } from 'vitest';
import { buildSources } from '../../src/app/build-sources.js';
import { parseConfigText } from '../../src/config/load.js';
import { silentLogger } from '../../src/log/logger.js';
import { createMemoryQuotaGate } from '../../src/quota/memory-gate.js';
import type { Reply } from '../../src/reply/reply.js';
import { createRuleEditing } from '../../src/rules/rule-service.js';
import { createMemoryRuleStore } from '../../src/rules/rule-store.js';
import { readTexts, validateTeamsCard } from './card-validator.js';
import { cardOf, startTeamsHarness, type TeamsHarness } from './harness.js';
import { routerOver } from '../support/router-kit.js';

const ANA_AAD = '6b8a4c2e-3f1d-4e5a-9b7c-1d2e3f4a5b6c';

let harness: TeamsHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function setup() {
  const config = parseConfigText(
    `
sources:
  demo: { vendor: demo, timeZone: America/Bogota, label: Demo contact center }
channels:
  ops: teams:ops
alerts:
  - { id: queue-long, metric: queue.waiting, source: demo, above: 8, channels: [ops] }
access:
  supervisors: { teamsUsers: [${ANA_AAD}] }
`,
    {},
  ).config;
  const { sources } = buildSources({ config, gate: createMemoryQuotaGate(), logger: silentLogger() });
  const announced: Array<{ channels: readonly string[]; reply: Reply }> = [];
  const ruleEditing = createRuleEditing({
    config,
    store: createMemoryRuleStore(),
    announce: async (channels, reply) => void announced.push({ channels, reply }),
    now: () => new Date(),
    zoneOf: () => 'America/Bogota',
  });
  const router = routerOver(sources, { config, ruleEditing });
  harness = await startTeamsHarness({ router });
  return { h: harness, ruleEditing, announced };
}

const inputsOf = (card: { body: Array<{ type: string; id?: string; value?: string }> }) =>
  Object.fromEntries(card.body.filter((e) => e.type === 'Input.Text').map((e) => [e.id!, e.value ?? '']));

describe('editing a rule in a Teams card form', () => {
  it("answers a form with the rule's values, shows bad values in red above their field, and saves and announces good ones", async () => {
    const { h, ruleEditing, announced } = await setup();
    await h.send(h.fixture('message-personal', { text: 'alerts edit queue-long' }));
    const form = cardOf(h.connector.activities.at(-1)!.activity);
    expect(validateTeamsCard(form)).toEqual([]);
    const inputs = inputsOf(form);
    expect(inputs).toMatchObject({ 'chatops-field:above': '8', 'chatops-field:for': '0s', 'chatops-field:channels': 'ops' });
    // The fixture's Teams client speaks Spanish (es-CO): the form does too; fields and values stay as typed.
    expect(form.actions[0]).toMatchObject({
      type: 'Action.Submit',
      title: 'Guardar',
      data: { chatops: { action: 'form', value: '/alerts apply queue-long' } },
    });

    await h.send(
      h.fixture('message-personal', {
        text: undefined,
        value: { ...inputs, 'chatops-field:above': 'ten', chatops: { action: 'form', value: '/alerts apply queue-long' } },
      }),
    );
    const again = cardOf(h.connector.activities.at(-1)!.activity);
    expect(validateTeamsCard(again)).toEqual([]);
    const errorAt = again.body.findIndex((e: { color?: string }) => e.color === 'Attention');
    expect(again.body[errorAt].text).toMatch(/expected a number/);
    expect(again.body[errorAt + 1]).toMatchObject({ type: 'Input.Text', id: 'chatops-field:above', value: 'ten' });
    expect(await ruleEditing.history('queue-long')).toEqual([]);

    await h.send(
      h.fixture('message-personal', {
        text: undefined,
        value: { ...inputs, 'chatops-field:above': '12', chatops: { action: 'form', value: '/alerts apply queue-long' } },
      }),
    );
    const saved = cardOf(h.connector.activities.at(-1)!.activity);
    expect(readTexts(saved)[0]).toBe('queue-long cambiada: above 8 → 12');
    // The announcement speaks the source's language (none set here: English), not the editor's.
    expect(announced.map((a) => [a.channels, a.reply.title])).toEqual([[['teams:ops'], 'Ana Gómez changed queue-long: above 8 → 12']]);
  });
});
