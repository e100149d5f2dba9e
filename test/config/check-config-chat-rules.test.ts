import { afterAll, describe, expect, it } from 'vitest';
import { createRedisRuleStore } from '../../src/rules/redis-rule-store.js';
import type { RuleVersion } from '../../src/rules/versions.js';
import { connectRedis, deleteKeys, REDIS_URL, uniquePrefix } from '../support/redis-kit.js';
import { freePort } from '../support/redis-server.js';
import { cleanEnv, runCli } from '../support/run-cli.js';

// What an operator sees when they check a new version of the file against a running deployment
// whose supervisors have been tuning rules from chat.
const EXAMPLE = new URL('../../chatops.example.yaml', import.meta.url).pathname;
const SECRETS = {
  WOLKVOX_TOKEN: 'wv-example-token-0000aaaa',
  COMM100_EMAIL: 'ops@example.com',
  COMM100_API_KEY: 'c100-example-key-1111',
  VCCLIVE_TOKEN: 'vcc-example-token-2222',
};

const redis = connectRedis();
const prefix = uniquePrefix('check-config-chat');
afterAll(async () => {
  await deleteKeys(prefix);
  redis.disconnect();
});

const change = (ruleId: string, overrides: RuleVersion['overrides'], text: string, extra: Partial<RuleVersion> = {}) => ({
  ruleId,
  overrides,
  enabled: true,
  by: 'Sara Supervisor',
  at: '2026-12-05T14:02:00.000Z',
  change: text,
  ...extra,
});

describe('check-config with Redis: the rules changed in chat', () => {
  it('lists each change with who made it, and warns about the ones this file would set aside', async () => {
    const store = createRedisRuleStore({ redis, prefix });
    await store.append(change('bogota-queue', { above: 15 }, 'above 10 → 15'), 0);
    await store.append(change('bogota-no-agents', {}, 'turned off', { enabled: false }), 0);
    await store.append(change('emea-sales-wait', { channels: ['floor-2'] }, 'channels ops → floor-2'), 0);
    await store.append(change('lima-queue', { above: 3 }, 'above 5 → 3'), 0);

    const run = runCli(['check-config', EXAMPLE], { env: cleanEnv({ ...SECRETS, REDIS_URL, CHATOPS_REDIS_PREFIX: prefix }) });
    expect(await run.exited).toBe(0);
    const out = run.stdout();
    expect(out).toContain('rule changes from chat (4):');
    expect(out).toContain('bogota-queue: above 10 → 15 (version 1 by Sara Supervisor, 2026-12-05 14:02 UTC)');
    expect(out).toContain('bogota-no-agents: turned off (version 1 by Sara Supervisor, 2026-12-05 14:02 UTC, now off)');
    expect(out).toContain('lima-queue: above 5 → 3 (version 1 by Sara Supervisor, 2026-12-05 14:02 UTC, not watched)');
    const err = run.stderr();
    expect(err).toMatch(
      /warning: alert rule emea-sales-wait: its chat change \(channels ops → floor-2\) no longer fits this file: .*floor-2[^.]*\. The file's rule/,
    );
    expect(err).toContain("The file's rule is watched until a supervisor changes it again");
    expect(err).toContain('warning: alert rule lima-queue was changed in chat but is no longer in this file');
    for (const secret of Object.values(SECRETS).filter((s) => !s.includes('@'))) expect(out + err).not.toContain(secret);
  });

  it('says when Redis does not answer, and still checks the file', async () => {
    const port = await freePort();
    const run = runCli(['check-config', EXAMPLE], { env: cleanEnv({ ...SECRETS, REDIS_URL: `redis://127.0.0.1:${port}` }) });
    expect(await run.exited).toBe(0);
    expect(run.stdout()).toContain(': OK');
    expect(run.stdout()).toContain('rule changes from chat: not read, Redis (one server) did not answer; the file alone was checked');
  });
});
