import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeWolkvox, type FakeWolkvox } from '../fakes/fake-wolkvox.js';
import { cleanEnv, emptyDir, runCli } from '../support/run-cli.js';
import { SEARCHING } from './slow-vendor.js';

let vendor: FakeWolkvox;
let dir: string;

beforeAll(async () => {
  vendor = await startFakeWolkvox();
  dir = emptyDir();
  writeFileSync(
    join(dir, 'chatops.yaml'),
    `sources:\n  bogota: { vendor: wolkvox, label: Bogotá, server: "0032", token: "\${WOLKVOX_TOKEN}", timeZone: America/Bogota, baseUrl: "${vendor.url}" }\nwatcher: { enabled: false }\n`,
  );
});
afterAll(async () => {
  await vendor.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('chatops ask on a slow vendor', () => {
  it('prints what it is doing on stderr while it waits, and the answer alone on stdout', async () => {
    const held = vendor.hold();
    const run = runCli(['ask', '/transcript 999001'], { cwd: dir, env: cleanEnv({ WOLKVOX_TOKEN: vendor.token, LOG_LEVEL: 'warn' }) });
    await held.arrived;
    // The bot's own threshold (a couple of seconds) passes while the vendor is held.
    await run.waitFor(SEARCHING);
    expect(run.stdout()).toBe('');
    held.release();
    expect(await run.exited).toBe(0);
    expect(run.stderr()).toContain(SEARCHING);
    expect(run.stdout()).toMatch(/^Transcript 999001 — Bogotá/);
    expect(run.stdout()).not.toContain('Looking…');
  });
});
