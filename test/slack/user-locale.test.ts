import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';
import { buttonsOf, visibleText } from './limits.js';
import { slashCommandBody } from '../fakes/slack-payloads.js';
import { DEMO_SUPERVISOR_ID, demoRouter } from '../support/router-kit.js';

// The real Slack adapter against the fake Slack Web API: users.info (include_locale) says each
// user's language, and the answer comes in it.
const SPANISH_USER = 'U0ESLA';
const ENGLISH_USER = DEMO_SUPERVISOR_ID;
let h: Harness;
beforeAll(async () => {
  const { router, config } = demoRouter();
  h = await startHarness({ router, access: config.access }, { userLocales: { [SPANISH_USER]: 'es-LA', [ENGLISH_USER]: 'en-US' } });
});
afterAll(() => h.close());

let seq = 0;
async function ask(command: string, userId: string) {
  const id = `loc${++seq}`;
  const res = await h.post(slashCommandBody({ command, text: '', user_id: userId, response_url: h.fake.responseUrl(id) }));
  expect(res.status).toBe(200);
  if (!String(res.json?.text).startsWith('Looking…') && !String(res.json?.text).startsWith('Buscando…')) return res.json;
  return (await h.fake.waitForResponse((r) => r.id === id && !/^(Looking|Buscando)…/.test(String(r.body.text)))).body;
}

describe("Slack answers in the user's language (users.info with include_locale)", () => {
  it('a user whose Slack locale is es-LA gets /queue in Spanish, buttons included', async () => {
    const answer = await ask('/queue', SPANISH_USER);
    const text = visibleText(answer);
    expect(text).toContain('Cola — Demo contact center');
    expect(text).toMatch(/En cola ahora|Nadie en cola/);
    expect(text).toContain('Agentes libres');
    expect(text).not.toMatch(/\b(Waiting|Longest|Queue|as of)\b/);
    expect(buttonsOf(answer).map((b) => b.label)).toEqual(expect.arrayContaining(['Actualizar', 'Compartir en el canal']));
  });

  it('a user whose Slack locale is en-US gets English', async () => {
    const text = visibleText(await ask('/queue', ENGLISH_USER));
    expect(text).toContain('Queue — Demo contact center');
    expect(text).toContain('Agents free');
  });

  it('asks Slack once per user (cached), with include_locale', async () => {
    await ask('/agents', SPANISH_USER);
    const lookups = h.fake.calls.filter((c) => c.method === 'users.info' && c.body.user === SPANISH_USER);
    expect(lookups).toHaveLength(1);
    expect(String(lookups[0]!.body.include_locale)).toBe('true');
  });
});
