import { FAKE_TEAM_ID, signSlackRequest, type FakeSlack } from './fake-slack.js';
import { PROCESS_TEST_SECRETS as S } from '../support/test-secrets.js';

// What a supervisor does in Slack, against a real bot process: types a slash command (signed as
// Slack signs it, answered through the fake Slack's response_url) and reads the answer.

/** The supervisor the process tests' configurations name. */
export const SUPERVISOR = 'U0SUPER1';

/** SUPERVISOR (or `userId`) types `command text` in Slack: a signed slash command to the bot; the ack as it came. */
export async function slash(
  port: number,
  slack: FakeSlack,
  command: string,
  text: string,
  responseId: string,
  userId = SUPERVISOR,
): Promise<{ status: number; body: string }> {
  const body = new URLSearchParams({
    command,
    text,
    user_id: userId,
    user_name: 'sup',
    channel_id: 'C0OPS',
    team_id: FAKE_TEAM_ID,
    response_url: slack.responseUrl(responseId),
    trigger_id: '1.2.3',
  }).toString();
  const res = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body, headers: signSlackRequest(S.slackSigningSecret, body) });
  return { status: res.status, body: await res.text() };
}

/** The answer that replaces "Looking…" through the response_url (progress updates skipped). */
export async function lateAnswer(slack: FakeSlack, responseId: string): Promise<string> {
  const late = await slack.waitForResponse((p) => p.id === responseId && !String(p.body.text).startsWith('Looking…'));
  return JSON.stringify(late.body);
}
