import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, emptyDir, runCli } from '../support/run-cli.js';

const EXAMPLE = readFileSync(new URL('../../chatops.example.yaml', import.meta.url), 'utf8');
const SECRETS = {
  WOLKVOX_TOKEN: 'wv-example-token-0000aaaa',
  COMM100_EMAIL: 'ops@example.com',
  COMM100_API_KEY: 'c100-example-key-1111',
  VCCLIVE_TOKEN: 'vcc-example-token-2222',
};

/** The 1-based line of the first occurrence of `text` in the example. */
const lineOf = (text: string) => EXAMPLE.slice(0, EXAMPLE.indexOf(text)).split('\n').length;

/** Six mistakes an operator makes when editing the example; each must give one error, placed, saying how to fix it. */
const MISTAKES = [
  {
    name: 'a line indented too far',
    text: EXAMPLE.replace('    label: Bogotá\n', '      label: Bogotá\n'),
    line: lineOf('    label: Bogotá\n'),
    says: /YAML syntax: .*check the indentation/,
  },
  {
    name: 'a misspelt key',
    text: EXAMPLE.replace('    timeZone: America/Bogota # vendor', '    timezone: America/Bogota # vendor'),
    line: lineOf('    timeZone: America/Bogota # vendor'),
    says: /sources\.bogota\.timezone: unknown key "timezone"; did you mean "timeZone"\?/,
  },
  {
    name: 'a cron with four fields',
    text: EXAMPLE.replace('poll: "*/5 * * * *"', 'poll: "*/5 * * *"'),
    line: lineOf('poll: "*/5 * * * *"'),
    says: /sources\.bogota\.poll: "\*\/5 \* \* \*" is not a cron expression: .*write e\.g\. "\*\/5 \* \* \* \*"/,
  },
  {
    name: 'a threshold written as a duration',
    text: EXAMPLE.replace('    above: 10\n', '    above: "2m"\n'),
    line: lineOf('    above: 10\n'),
    says: /alerts\[0\]\.above: expected a number, not the duration "2m": a threshold is a plain number such as 10/,
  },
  {
    name: 'a rule on an unknown source',
    text: EXAMPLE.replace('    source: bogota\n    above: 10', '    source: bogata\n    above: 10'),
    line: lineOf('    source: bogota\n    above: 10'),
    says: /alerts\[0\]\.source: no source named "bogata"\. Did you mean bogota\?/,
  },
  {
    name: 'a variable not set (for a source not marked optional)',
    text: EXAMPLE.replace('    vendor: vcclive\n    optional: true\n', '    vendor: vcclive\n'),
    unset: 'VCCLIVE_TOKEN',
    line: lineOf('token: ${VCCLIVE_TOKEN}') - 1,
    says: /sources\.budapest\.token: environment variable VCCLIVE_TOKEN is not set; export it/,
  },
];

function fileWith(text: string): string {
  const file = join(emptyDir(), 'chatops.yaml');
  writeFileSync(file, text);
  return file;
}

describe('chatops check-config on the example with one mistake', () => {
  it.each(MISTAKES)('$name: one error, with its line and column and how to fix it', async ({ text, unset, line, says }) => {
    const file = join(emptyDir(), 'chatops.yaml');
    writeFileSync(file, text);
    const run = runCli(['check-config', file], { env: cleanEnv({ ...SECRETS, ...(unset ? { [unset]: '' } : {}) }) });
    expect(await run.exited).toBe(2);
    const lines = run.stderr().trim().split('\n');
    expect(lines[0]).toBe(`${file}: 1 problem:`);
    expect(lines).toHaveLength(2);
    const [, at, column] = /^ {2}(\d+):(\d+) /.exec(lines[1]!) ?? [];
    expect(Number(at), lines[1]).toBe(line);
    expect(Number(column)).toBeGreaterThan(0);
    expect(lines[1]).toMatch(says);
  });

  it('the example as it is, with no secret set: runs the demo and names what it left out', async () => {
    const run = runCli(['check-config', fileWith(EXAMPLE)], { env: cleanEnv() });
    expect(await run.exited).toBe(0);
    expect(run.stdout()).toMatch(
      /left out, optional and not set: bogota \(WOLKVOX_TOKEN\), emea \(COMM100_EMAIL, COMM100_API_KEY\), budapest \(VCCLIVE_TOKEN\)/,
    );
    expect(run.stdout()).toMatch(/training: demo contact center/);
    const ask = runCli(['ask', '/queue'], { env: cleanEnv({ CHATOPS_CONFIG: fileWith(EXAMPLE) }) });
    expect(await ask.exited).toBe(0);
    expect(ask.stdout()).toMatch(/^Queue — training/m);
  });

  it('a file that is not there: says so and how to make one', async () => {
    const run = runCli(['check-config', join(emptyDir(), 'chatops.yaml')], { env: cleanEnv(SECRETS) });
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toMatch(/there is no such file: copy chatops\.example\.yaml to it/);
  });
});
