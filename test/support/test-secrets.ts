import { FAKE_COMM100_DEFAULTS } from '../fakes/fake-comm100.js';
import { FAKE_WOLKVOX_TOKEN } from '../fakes/fake-wolkvox.js';

/** Secrets the process tests configure on purpose, to prove they never reach a log line. */
export const PROCESS_TEST_SECRETS = {
  wolkvoxToken: 'wv-secret-token-9d8c7b6a5f',
  slackSigningSecret: 'slack-signing-secret-4e5f6a',
  slackBotToken: 'xoxb-secret-bot-token-1a2b3c',
  teamsPassword: 'teams-app-password-7h8i9j',
};

/** Every secret value the suite configures anywhere: none may appear in any log line. */
export function allTestSecrets(): string[] {
  return [
    ...Object.values(PROCESS_TEST_SECRETS),
    FAKE_WOLKVOX_TOKEN,
    FAKE_COMM100_DEFAULTS.apiKey,
    FAKE_COMM100_DEFAULTS.clientSecret,
    FAKE_COMM100_DEFAULTS.password,
    'vcc-fake-token-7f3a9c',
    'test-signing-secret-8f2a',
  ];
}
