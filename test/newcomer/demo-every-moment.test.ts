import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app/create-app.js';
import { readSettings } from '../../src/app/settings.js';
import { renderText } from '../../src/reply/render-text.js';

/*
 * Whatever minute a newcomer tries the embedded demo, /agents names a chat id, and that id opens
 * a transcript: a chat in progress, or at a quiet moment of the night the chat that finished last.
 */
let app: App | undefined;
afterAll(async () => {
  await app?.stop(1_000);
});

const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
const TEN_MINUTES = 10 * 60_000;

describe('the embedded demo always shows a chat id that opens', () => {
  it('every 10 minutes of a simulated day, /agents shows an id and /transcript opens it', async () => {
    const settings = await readSettings({ CHATOPS_CONFIG: '' });
    let clock = new Date('2026-11-30T00:00:00Z');
    app = await createApp({ settings, watch: false, platforms: false, now: () => clock, logDestination: silent });
    const router = app.router;
    const ask = async (text: string) =>
      renderText(await router.handle({ text, asker: { platform: 'console', userId: 'console' }, venue: 'console' }), { now: clock });

    const quietMoments: string[] = [];
    for (let step = 0; step < 144; step += 1) {
      clock = new Date(Date.parse('2026-11-30T00:00:00Z') + step * TEN_MINUTES);
      const at = clock.toISOString().slice(11, 16);
      const agents = await ask('/agents');
      const hint = /^(Open a chat in progress|Last finished chat): \/transcript (DEMO-\d{11})$/m.exec(agents);
      expect(hint, `${at} UTC\n${agents}`).not.toBeNull();
      const [, kind, id] = hint!;
      if (kind === 'Last finished chat') quietMoments.push(at);
      const transcript = await ask(`/transcript ${id}`);
      expect(transcript, `${at} UTC: /transcript ${id}`).toContain(`Transcript ${id} — Demo contact center\n`);
      const state = transcript.split('\n')[1]!;
      if (kind === 'Last finished chat') expect(state, `${at} UTC: /transcript ${id}`).toMatch(/^Completed|^Abandoned|^Missed/);
      else expect(state, `${at} UTC: /transcript ${id}`).toMatch(/^In progress/);
      if (kind === 'Last finished chat') {
        // /help still has a transcript example (a chat in progress elsewhere, or that same chat), and it opens.
        const example = /^Examples: \/transcript (DEMO-\d{11})$/m.exec(await ask('/help'));
        expect(example, `${at} UTC: /help`).not.toBeNull();
        expect(await ask(`/transcript ${example![1]}`)).toContain(`Transcript ${example![1]} — Demo contact center\n`);
      }
    }
    // The night's quiet gaps are really walked through (07:00 and 07:10 UTC on this day).
    expect(quietMoments).toEqual(expect.arrayContaining(['07:00', '07:10']));
  });
});
