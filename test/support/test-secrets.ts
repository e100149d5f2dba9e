/** The secrets the fake vendors and platforms accept by default (test/fakes/ reads them from here). */
export const FAKE_SECRETS = {
  wolkvoxToken: 'fake-wolkvox-token-5f3a9c',
  comm100ApiKey: 'fake-comm100-api-key-0001',
  comm100ClientSecret: 'fake-comm100-client-secret',
  comm100Password: 'fake-comm100-password',
  vccliveToken: 'vcc-fake-token-7f3a9c',
  slackSigningSecret: 'test-signing-secret-8f2a',
} as const;

/** Secrets the process tests configure on purpose, to prove they never reach a log line. */
export const PROCESS_TEST_SECRETS = {
  wolkvoxToken: 'wv-secret-token-9d8c7b6a5f',
  slackSigningSecret: 'slack-signing-secret-4e5f6a',
  slackBotToken: 'xoxb-secret-bot-token-1a2b3c',
  teamsPassword: 'teams-app-password-7h8i9j',
};

/** Every secret value the suite configures anywhere: none may appear in any log line. */
export function allTestSecrets(): string[] {
  return [...Object.values(PROCESS_TEST_SECRETS), ...Object.values(FAKE_SECRETS)];
}
