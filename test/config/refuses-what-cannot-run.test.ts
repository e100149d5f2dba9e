import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConfigProblem } from '../../src/config/config-problem.js';
import { ConfigError, parseConfigText } from '../../src/config/load.js';
import { cleanEnv, emptyDir, runCli } from '../support/run-cli.js';

const EXAMPLE = new URL('../../chatops.example.yaml', import.meta.url);
const SECRETS = {
  WOLKVOX_TOKEN: 'wv-example-token-0000aaaa',
  COMM100_EMAIL: 'ops@example.com',
  COMM100_API_KEY: 'c100-example-key-1111',
  VCCLIVE_TOKEN: 'vcc-example-token-2222',
};

function problemsOf(text: string, env: NodeJS.ProcessEnv = SECRETS): ConfigProblem[] {
  try {
    parseConfigText(text, env, 'test.yaml');
  } catch (error) {
    // Where each problem is in the file is checked in one-error-per-mistake.test.ts.
    if (error instanceof ConfigError) return error.problems.map(({ path, message }) => ({ path, message }));
    throw error;
  }
  return [];
}

const example = readFileSync(EXAMPLE, 'utf8');

describe('check-config refuses what cannot run', () => {
  it('exits 2 on a summary cron node-cron would refuse, with the path and an expression to copy', async () => {
    const dir = emptyDir();
    const file = join(dir, 'bad-cron.yaml');
    writeFileSync(file, example.replace(/cron: "[^"]+"/, 'cron: "61 25 * * *"'));
    const run = runCli(['check-config', file], { env: cleanEnv(SECRETS) });
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toMatch(
      /summaries\[0\]\.cron: "61 25 \* \* \*" is not a cron expression: minute 61, hour 25 are out of range; write e\.g\. "0 18 \* \* 1-5"/,
    );
  });

  it('refuses a poll schedule written in words', () => {
    const problems = problemsOf(example.replace('poll: "*/5 * * * *"', 'poll: "every 5 minutes"'));
    expect(problems).toEqual([{ path: 'sources.bogota.poll', message: expect.stringContaining('"every 5 minutes" is not a cron expression') }]);
  });

  it('refuses rules that could never fire or never resolve', () => {
    const rules = `
sources: { demo: { vendor: demo } }
channels: { terminal: console }
alerts:
  - { metric: queue.waiting, source: demo, above: 0, hysteresis: 2, channels: [terminal] }
  - { metric: agents.available, source: demo, below: 0, channels: [terminal] }
  - { metric: agents.utilization, source: demo, above: 1, channels: [terminal] }
  - { metric: queue.waiting, source: demo, above: 0, channels: [terminal] }
`;
    expect(problemsOf(rules).map((p) => `${p.path}: ${p.message}`)).toEqual([
      'alerts[0].above: it resolves only at 0 - 2 (hysteresis) or below, and queue.waiting is never below 0: once firing it can never resolve; lower the hysteresis to 0 or less',
      'alerts[1].below: agents.available is never below 0: the rule can never fire; use a threshold above 0',
      'alerts[2].above: agents.utilization is from 0 to 1, so it is never above 1: the rule can never fire',
    ]);
  });

  it('reports every problem once, in one pass, in plain words', () => {
    const broken = example
      .replace('    vendor: comm100\n    optional: true\n', '    vendor: comm100\n')
      .replace('apiKey: ${COMM100_API_KEY}', 'apiKey: short')
      .replace(/source: emea\b/, 'source: emae');
    const problems = problemsOf(broken, { WOLKVOX_TOKEN: SECRETS.WOLKVOX_TOKEN, VCCLIVE_TOKEN: SECRETS.VCCLIVE_TOKEN });
    const lines = problems.map((p) => `${p.path}: ${p.message}`);
    // The missing variable once, not again as "Invalid email address".
    expect(lines.filter((l) => l.startsWith('sources.emea.auth.email'))).toEqual([expect.stringContaining('environment variable COMM100_EMAIL is not set')]);
    // A schema problem and a cross-reference together.
    expect(lines).toContain('sources.emea.auth.apiKey: is too short: at least 8 characters');
    expect(lines.some((l) => /^alerts\[\d+\]\.source: no source named "emae"\. Did you mean emea\?/.test(l))).toBe(true);
    expect(lines.join('\n')).not.toMatch(/Too small|Invalid input|expected string to have/);
    expect(new Set(lines).size).toBe(lines.length);
  });
});
