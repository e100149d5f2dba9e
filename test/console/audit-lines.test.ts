import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { stripVTControlCharacters as plain } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { screen } from '../support/screen.js';
import { createDemoAdapter } from '../../adapters/demo/adapter.js';
import { createApp, type App } from '../../src/app/create-app.js';
import { readSettings } from '../../src/app/settings.js';
import { terminalAuditSink } from '../../src/audit/terminal-sink.js';
import { startPrompt } from '../../src/platforms/console/prompt.js';
import { createTerminal } from '../../src/platforms/console/terminal.js';

/*
 * At the chatops> prompt a supervisor opens a transcript: the audit record of that view is a
 * line a person reads on a terminal, printed above the prompt like a log line; JSON lines stay
 * for pipes and files, and AUDIT_LOG alone gets the trail when it is set.
 */
const AT = new Date('2026-11-30T16:00:00Z');
const silent = new Writable({ write: (_chunk, _encoding, done) => done() });

async function chatInProgress(): Promise<string> {
  const demo = createDemoAdapter({ id: 'demo', vendor: 'demo', seed: 42, timeZone: 'America/Bogota', quota: { reservePercent: 10 } }, { now: () => AT });
  return (await demo.activeChats())[0]!.id;
}

let app: App | undefined;
let closePrompt: (() => void) | undefined;
let dir: string | undefined;
afterEach(async () => {
  closePrompt?.();
  await app?.stop(1_000);
  app = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** The embedded demo at the prompt, with the audit sink `chatops start` gives it. */
async function promptWith({ tty, auditLog }: { tty: boolean; auditLog?: string }) {
  const out = screen(tty, 120);
  const errors = screen(tty, 120);
  const terminal = createTerminal({ output: out.stream, errors: errors.stream });
  const settings = await readSettings({ CHATOPS_CONFIG: '' });
  const audit = terminalAuditSink({ auditLog, readable: tty, print: (line) => terminal.print(line, 'err') });
  app = await createApp({ settings, watch: false, platforms: false, now: () => AT, logDestination: silent, audit, write: (text) => terminal.print(text) });
  const input = new PassThrough();
  closePrompt = startPrompt({ router: app.router, input, terminal }).close;
  await out.until((t) => plain(t).endsWith('chatops> '));
  return { out, errors, input };
}

describe('the audit trail at the chatops> prompt', () => {
  it('on a terminal, is one readable line per transcript view, not JSON', async () => {
    const id = await chatInProgress();
    const { out, errors, input } = await promptWith({ tty: true });
    input.write(`/transcript ${id}\n`);
    await out.until((t) => t.includes(`Transcript ${id}`) && plain(t).endsWith('chatops> '));
    const line = plain(await errors.until((t) => t.includes('AUDIT')));
    expect(line).toMatch(new RegExp(`^\\d\\d:\\d\\d:\\d\\d AUDIT: console viewed transcript demo:${id} \\(console, console\\)\\n$`));
    expect(errors.text() + out.text()).not.toContain('{"audit"');
  });

  it('through a pipe, stays one JSON line a program can read', async () => {
    const id = await chatInProgress();
    const { errors, input } = await promptWith({ tty: false });
    input.write(`/transcript ${id}\n`);
    const line = await errors.until((t) => t.endsWith('}\n'));
    expect(JSON.parse(line)).toEqual({
      audit: true,
      at: AT.toISOString(),
      action: 'transcript.view',
      target: `demo:${id}`,
      user: 'console',
      platform: 'console',
      venue: 'console',
    });
  });

  it('with AUDIT_LOG set, goes to that file alone', async () => {
    const id = await chatInProgress();
    dir = mkdtempSync(join(tmpdir(), 'chatops-audit-'));
    const file = join(dir, 'audit.jsonl');
    const { out, errors, input } = await promptWith({ tty: true, auditLog: file });
    input.write(`/transcript ${id}\n`);
    await out.until((t) => t.includes(`Transcript ${id}`) && plain(t).endsWith('chatops> '));
    // The record is written before the answer leaves.
    expect(readFileSync(file, 'utf8')).toContain(`"target":"demo:${id}"`);
    expect(errors.text()).toBe('');
  });
});
