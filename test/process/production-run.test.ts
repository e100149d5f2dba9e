import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signSlackRequest, startFakeSlack, type FakeSlack } from '../fakes/fake-slack.js';
import { startFakeWolkvox, type FakeWolkvox } from '../fakes/fake-wolkvox.js';
import { emptyDir, type CliRun } from '../support/run-cli.js';
import { PROCESS_TEST_SECRETS as S } from '../support/test-secrets.js';
import { writeBogotaConfig } from './bogota-bot.js';
import { slash, SUPERVISOR } from '../fakes/slack-user.js';
import { portOf, startReplica } from '../support/bot-replica.js';

/** Customer phone numbers in the documented-shape live chats the fake serves. */
const PHONES = ['573001234567', '573157654321', '573209998877'];

let wolkvox: FakeWolkvox;
let slack: FakeSlack;
let dir: string;

beforeAll(async () => {
  wolkvox = await startFakeWolkvox({ token: S.wolkvoxToken });
  slack = await startFakeSlack({ botToken: S.slackBotToken });
  dir = emptyDir();
  writeBogotaConfig(dir, wolkvox.url, { sourceLines: ['timeout: 10s'], rest: 'watcher:\n  enabled: false\n' });
});

afterAll(async () => {
  await wolkvox?.close();
  await slack?.close();
});

function startBot(): CliRun {
  return startReplica({
    dir,
    slackApiUrl: slack.apiUrl,
    env: {
      LOG_LEVEL: 'debug',
      MICROSOFT_APP_ID: '00000000-0000-0000-0000-00000000abcd',
      MICROSOFT_APP_PASSWORD: S.teamsPassword,
      MICROSOFT_APP_TENANT_ID: '00000000-0000-0000-0000-00000000beef',
      CHATOPS_SHUTDOWN_GRACE_MS: '15000',
    },
  });
}

describe('the bot run for real with a configuration file', () => {
  it('finishes a slow command in flight when SIGTERM arrives, then exits', async () => {
    wolkvox.setDelay(3_000);
    const run = startBot();
    try {
      const port = await portOf(run);
      const ack = await slash(port, slack, '/queue', '', 'slow-queue');
      expect(ack.status).toBe(200);
      expect(ack.body).toContain('Looking');
      run.child.kill('SIGTERM');
      const delivered = await slack.waitForResponse((p) => p.id === 'slow-queue' && !String(p.body.text).startsWith('Looking…'));
      expect(JSON.stringify(delivered.body)).toMatch(/Queue/);
      expect(await run.exited).toBe(0);
    } finally {
      wolkvox.setDelay(0);
      run.child.kill('SIGKILL');
    }
  });

  it('never logs a secret or a customer phone number, even when the vendor misbehaves', async () => {
    const run = startBot();
    try {
      const port = await portOf(run);
      // A transcript from the live chats (carries a phone), then vendor failures of every kind.
      const transcript = await slash(port, slack, '/transcript', '8731245', 't1');
      // Quick answers come back as the acknowledgement itself; phones are masked there too.
      expect(transcript.body).toContain('8731245');
      expect(transcript.body).not.toContain('3001234567');
      wolkvox.failWith('html', { times: 3 });
      await slash(port, slack, '/agents', '', 'a1');
      wolkvox.failWith('server-error', { times: 3 });
      await slash(port, slack, '/today', '', 'd1');
      wolkvox.failWith('malformed-json', { times: 3 });
      await slash(port, slack, '/handoffs', 'yesterday', 'h1');
      const bad = new URLSearchParams({ command: '/queue', text: '', user_id: SUPERVISOR, response_url: slack.responseUrl('x') }).toString();
      await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: bad, headers: signSlackRequest('wrong-secret', bad) });
      run.child.kill('SIGTERM');
      await run.exited;
    } finally {
      wolkvox.clearFailures();
      run.child.kill('SIGKILL');
    }
    const output = run.stdout() + run.stderr();
    expect(output.length).toBeGreaterThan(500); // it did log: debug level, errors included
    expect(output).toMatch(/warn|"level":40/);
    for (const secret of Object.values(S)) {
      expect(output).not.toContain(secret);
      expect(output).not.toContain(encodeURIComponent(secret));
    }
    for (const phone of PHONES) expect(output).not.toContain(phone.slice(-7));
    // The transcript view left an audit line naming who looked at which chat.
    expect(output).toMatch(/audit[\s\S]*8731245/);
  });
});
