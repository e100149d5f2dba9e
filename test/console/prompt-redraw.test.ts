import { PassThrough } from 'node:stream';
import { stripVTControlCharacters as plain } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { screen } from '../support/screen.js';
import { createLogger, readableLines } from '../../src/log/logger.js';
import { createConsolePlatform } from '../../src/platforms/console/console-platform.js';
import { startPrompt } from '../../src/platforms/console/prompt.js';
import { createTerminal } from '../../src/platforms/console/terminal.js';
import type { CommandRouter } from '../../src/router/types.js';

const router: CommandRouter = {
  handle: async ({ text }) => ({ title: `You asked ${text}` }),
  commandsFor: () => [],
};

const alert = { title: 'Warning · Chats waiting 12 — Bogotá', summary: 'Chats waiting is 12, above 8, since 14:02.', context: { timeZone: 'America/Bogota' } };

let close: (() => void) | undefined;
afterEach(() => close?.());

describe('the chatops> prompt with output arriving on its own', () => {
  it('is drawn again, with what was being typed, after an alert on a terminal', async () => {
    const out = screen(true);
    const input = new PassThrough();
    const terminal = createTerminal({ output: out.stream, errors: out.stream });
    close = startPrompt({ router, input, terminal }).close;
    input.write('/que');
    await out.until((t) => plain(t).endsWith('chatops> /que'));

    await createConsolePlatform((text) => terminal.print(text)).post('console', alert);
    const after = plain(await out.until((t) => t.includes('since 14:02.') && plain(t).endsWith('chatops> /que'))).split('since 14:02.')[1]!;
    expect(after).toMatch(/chatops> \/que$/);
    // The half-typed line was wiped before the alert, not left above it.
    expect(out.text()).toMatch(/\u001b\[2K\u001b\[(1|0)?G[\s\S]*Warning · Chats waiting 12/);

    input.write('ue\n');
    await out.until((t) => t.includes('You asked /queue'));
  });

  it('is drawn again after a log line and after an alert when not a terminal', async () => {
    const out = screen(false);
    const errors = screen(false);
    const input = new PassThrough();
    const terminal = createTerminal({ output: out.stream, errors: errors.stream });
    close = startPrompt({ router, input, terminal }).close;
    await out.until((t) => t.endsWith('chatops> '));

    const logger = createLogger({ level: 'warn', destination: readableLines((line) => terminal.print(line, 'err')) });
    logger.warn('watcher: bogota did not answer');
    await errors.until((t) => t.includes('watcher: bogota did not answer'));
    await out.until((t) => t.split('chatops> ').length === 3);

    await createConsolePlatform((text) => terminal.print(text)).post('console', alert);
    expect((await out.until((t) => /since 14:02\.\n+chatops> $/.test(t))).endsWith('chatops> ')).toBe(true);
  });

  it('is not drawn in the middle of an answer: output while a command runs is printed as it comes', async () => {
    const out = screen(false);
    const input = new PassThrough();
    const terminal = createTerminal({ output: out.stream, errors: out.stream });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow: CommandRouter = { handle: async ({ text }) => (await held, { title: `You asked ${text}` }), commandsFor: () => [] };
    close = startPrompt({ router: slow, input, terminal }).close;
    await out.until((t) => t.endsWith('chatops> '));
    input.write('/today\n');
    // Wait for readline to take the line: the prompt is no longer waiting.
    await new Promise<void>((resolve) => setImmediate(resolve));
    terminal.print('\n── alert\n');
    release();
    const text = await out.until((t) => t.includes('You asked /today') && t.endsWith('chatops> '));
    expect(text.split('chatops> ')).toHaveLength(3);
  });
});
