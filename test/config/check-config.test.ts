import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../../src/config/json-schema.js';
import { cleanEnv, emptyDir, runCli } from '../support/run-cli.js';

const EXAMPLE = new URL('../../chatops.example.yaml', import.meta.url);
const SECRETS = {
  WOLKVOX_TOKEN: 'wv-example-token-0000aaaa',
  COMM100_EMAIL: 'ops@example.com',
  COMM100_API_KEY: 'c100-example-key-1111',
  VCCLIVE_TOKEN: 'vcc-example-token-2222',
};

describe('chatops check-config', () => {
  it('passes on chatops.example.yaml and prints a summary without any secret', async () => {
    const run = runCli(['check-config', EXAMPLE.pathname], { env: cleanEnv(SECRETS) });
    expect(await run.exited).toBe(0);
    const out = run.stdout();
    expect(out).toContain(': OK');
    expect(out).toMatch(/bogota: wolkvox server 0032/);
    expect(out).toMatch(/emea: Comm100 site 10000 on data center 11, API key auth/);
    expect(out).toMatch(/budapest: VCC Live account acme, project 822/);
    expect(out).toMatch(/alert rules: 4/);
    for (const secret of Object.values(SECRETS).filter((s) => !s.includes('@'))) expect(out + run.stderr()).not.toContain(secret);
    // The Workflows webhook URL carries its own signature: not printed either.
    expect(out).not.toContain('webhook.office.com');
  });

  it('names the path of each problem in a broken copy and exits 2', async () => {
    const broken = readFileSync(EXAMPLE, 'utf8')
      .replace('server: "0032"', 'server: 32')
      .replace('timeZone: Europe/London', 'timeZone: Mars/Olympus')
      .replace('above: 10', 'above: ten')
      .replace('dataCenter: 11', 'dataCenter: 14')
      .replace('channels: [ops, leads]', 'channels: [ops, nowhere]')
      .replace('    severity: warning\n    channels: [ops]\n    repeat', '    severity: urgent\n    channels: [ops]\n    repeat');
    const dir = emptyDir();
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, broken);
    const run = runCli(['check-config', file], { env: cleanEnv(SECRETS) });
    expect(await run.exited).toBe(2);
    const err = run.stderr();
    expect(err).toMatch(/sources\.bogota\.server: /);
    expect(err).toMatch(/sources\.emea\.timeZone: expected an IANA time zone/);
    expect(err).toMatch(/sources\.emea\.dataCenter: expected the data center number/);
    expect(err).toMatch(/alerts\[0\]\.above: expected a number/);
    expect(err).toMatch(/alerts\[0\]\.severity: /);
    expect(err).not.toContain(SECRETS.WOLKVOX_TOKEN);
  });

  it('says which environment variable is missing (for a source not marked optional)', async () => {
    const file = join(emptyDir(), 'strict.yaml');
    writeFileSync(
      file,
      readFileSync(EXAMPLE, 'utf8')
        .replaceAll('    optional: true\n', '')
        .replaceAll(/ {4}optional: true #.*\n/g, ''),
    );
    const run = runCli(['check-config', file], { env: cleanEnv({ ...SECRETS, WOLKVOX_TOKEN: '' }) });
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toMatch(/sources\.bogota\.token: environment variable WOLKVOX_TOKEN is not set/);
  });

  it('reports cross-references to unknown sources and channels', async () => {
    const dir = emptyDir();
    const file = join(dir, 'refs.yaml');
    writeFileSync(file, 'sources:\n  demo:\n    vendor: demo\nalerts:\n  - metric: queue.waiting\n    source: lima\n    above: 3\n    channels: [ops]\n');
    const run = runCli(['check-config', file], { env: cleanEnv() });
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toMatch(/alerts\[0\]\.source: no source named "lima"\. Sources: demo/);
    expect(run.stderr()).toMatch(/alerts\[0\]\.channels\[0\]: "ops" is neither a name under `channels`/);
  });
});

describe('the JSON Schema for editors', () => {
  it('is up to date with the zod schema (run npm run config:schema after changing it)', () => {
    const committed = JSON.parse(readFileSync(new URL('../../docs/chatops.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(configJsonSchema());
  });
});
