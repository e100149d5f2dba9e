import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { startPrompt } from '../../src/platforms/console/prompt.js';
import { createTerminal } from '../../src/platforms/console/terminal.js';
import type { CommandDefinition } from '../../src/router/types.js';
import { startHarness } from '../slack/harness.js';
import { slashCommandBody } from '../fakes/slack-payloads.js';
import { cardTexts } from '../teams/card-validator.js';
import { cardOf, startTeamsHarness } from '../teams/harness.js';
import { countingAdapter, sourceFor, routerOver } from '../support/router-kit.js';

/** A command none of the platforms has heard of, as a new file in commands/ would define it. */
const pingCommand: CommandDefinition = {
  name: 'ping',
  summary: 'Says whether the bot is listening.',
  usage: '/ping',
  examples: ['/ping'],
  access: 'everyone',
  usesSource: false,
  handler: async (ctx) => ({ title: 'Pong', summary: `Listening, ${ctx.asker.displayName ?? ctx.asker.userId}.` }),
};

const router = routerOver([sourceFor(countingAdapter('bogota'), 'Bogotá')], { commands: [...commands, pingCommand] });

const closers: Array<() => unknown> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe('a command added to commands/ needs no platform change', () => {
  it('is answered in Slack as a slash command', async () => {
    const h = await startHarness({ router });
    closers.push(() => h.close());
    const res = await h.post(slashCommandBody({ command: '/ping', text: '', response_url: h.fake.responseUrl('ping') }));
    expect(res.status).toBe(200);
    const answer = String(res.json?.text).startsWith('Looking…') ? (await h.fake.waitForResponse((r) => r.id === 'ping')).body : res.json;
    expect(JSON.stringify(answer)).toContain('Pong');
  });

  it('is answered in Teams as a message, and listed by help', async () => {
    const h = await startTeamsHarness({ router });
    closers.push(() => h.close());
    await h.send(h.fixture('message-personal', { text: 'ping' }));
    await h.send(h.fixture('message-personal', { text: 'help' }));
    const [ping, help] = h.connector.activities.slice(-2).map((a) => cardTexts(cardOf(a.activity)).join('\n'));
    expect(ping).toContain('Pong');
    expect(help).toContain('/ping');
  });

  it('is answered at the console prompt', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    const seen = new Promise<void>((resolve) => output.on('data', (chunk: Buffer) => (printed += chunk.toString()).includes('Pong') && resolve()));
    const prompt = startPrompt({ router, input, terminal: createTerminal({ output, errors: output }) });
    closers.push(() => prompt.close());
    input.write('/ping\n');
    await seen;
    expect(printed).toContain('Listening');
  });
});
