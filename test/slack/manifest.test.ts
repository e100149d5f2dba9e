import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { commands } from '../../commands/index.js';
import { slackManifest } from '../../src/platforms/slack/manifest.js';
import { commandPrefixOf } from '../../src/router/command-prefix.js';
import { startHarness, type Harness } from './harness.js';
import { visibleText } from './limits.js';
import { slashCommandBody } from '../fakes/slack-payloads.js';
import { DEMO_SUPERVISOR_ID, demoRouter } from '../support/router-kit.js';

interface Manifest {
  features: { slash_commands: Array<{ command: string; url: string; description: string; usage_hint?: string }> };
  oauth_config: { scopes: { bot: string[] } };
  settings: { interactivity: { is_enabled: boolean; request_url: string }; socket_mode_enabled: boolean };
}

const checkedIn = readFileSync(new URL('../../slack/manifest.yaml', import.meta.url), 'utf8');
const manifest = parse(checkedIn) as Manifest;

/** The scope each Web API method the bot calls needs (null: none). A new call must be added here, and its scope to the manifest. */
const SCOPE_OF: Record<string, string | null> = {
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'files.getUploadURLExternal': 'files:write',
  'files.completeUploadExternal': 'files:write',
  'usergroups.users.list': 'usergroups:read',
  'users.info': 'users:read',
  'auth.test': null,
  // Opening a modal needs only the trigger of the user's own action.
  'views.open': null,
  // The Home tab: a bot publishes any user's Home view without a scope of its own.
  'views.publish': null,
};

/** Every `client.<family>.<method>(` call in the Slack platform's sources. */
function webApiCalls(): string[] {
  const dir = new URL('../../src/platforms/slack/', import.meta.url);
  const calls = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const code = readFileSync(new URL(file, dir), 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
    for (const m of code.matchAll(/client\s*\.\s*(\w+)\s*\.\s*(\w+)(?:\s*\.\s*(\w+))?\s*\(/g)) calls.add([m[1], m[2], m[3]].filter(Boolean).join('.'));
  }
  return [...calls].sort();
}

/** Every command that exists in Slack (Teams' `link` does not). */
const slackCommands = commands.filter((c) => !c.platforms || c.platforms.includes('slack'));

describe('slack/manifest.yaml', () => {
  it('is what `npm run slack:manifest` generates from the commands (run it after changing a command)', () => {
    expect(checkedIn).toBe(slackManifest({ commands }));
  });

  it('declares every command the bot has, each sent to /slack/events with a description', () => {
    const declared = manifest.features.slash_commands.map((c) => c.command).sort();
    expect(declared).toEqual(slackCommands.map((c) => `/${c.name}`).sort());
    for (const c of manifest.features.slash_commands) {
      expect(c.url).toBe('https://YOUR-HOST/slack/events');
      expect(c.description.length).toBeGreaterThan(10);
      expect(c.description.length).toBeLessThanOrEqual(100);
    }
  });

  it('sends button presses to the same endpoint', () => {
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: 'https://YOUR-HOST/slack/events' });
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it('asks for the scopes the bot’s Web API calls need, and no other', () => {
    const calls = webApiCalls();
    expect(
      calls.filter((call) => !(call in SCOPE_OF)),
      'a Web API call with no known scope: add it to SCOPE_OF and its scope to SLACK_SCOPES',
    ).toEqual([]);
    expect(calls).toContain('chat.postMessage');
    const needed = new Set(['commands', 'chat:write.public', ...calls.map((call) => SCOPE_OF[call]).filter((s): s is string => !!s)]);
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
    // users:read is asked for one reason: users.info with include_locale, the asker's language.
    expect(manifest.oauth_config.scopes.bot).toContain('users:read');
  });

  it('names the commands with the prefix when one is given, within Slack’s 32 characters', () => {
    const prefixed = parse(slackManifest({ commands, prefix: 'cc-' })) as Manifest;
    const names = prefixed.features.slash_commands.map((c) => c.command);
    expect(names).toEqual(slackCommands.map((c) => `/cc-${c.name}`));
    for (const name of names) expect(name.length).toBeLessThanOrEqual(32);
  });
});

describe('a command prefix on the Slack path (SLACK_COMMAND_PREFIX=cc-)', () => {
  let h: Harness;
  beforeAll(async () => {
    const { router, config } = demoRouter({ commandPrefix: 'cc-' });
    h = await startHarness({ router, access: config.access });
  });
  afterAll(() => h.close());

  let seq = 0;
  async function ask(command: string, text = '') {
    const id = `prefix${++seq}`;
    const res = await h.post(slashCommandBody({ command, text, user_id: DEMO_SUPERVISOR_ID, response_url: h.fake.responseUrl(id) }));
    expect(res.status).toBe(200);
    if (!String(res.json?.text).startsWith('Looking…')) return visibleText(res.json);
    return visibleText((await h.fake.waitForResponse((r) => r.id === id && !String(r.body.text).startsWith('Looking…'))).body);
  }

  it('refuses a prefix Slack could not take, saying what would do', () => {
    expect(commandPrefixOf(undefined)).toBeUndefined();
    expect(commandPrefixOf(' cc- ')).toBe('cc-');
    expect(() => commandPrefixOf('CC/')).toThrow(
      'SLACK_COMMAND_PREFIX must be lower-case letters, digits, "-" or "_" (at most 20, starting with a letter), such as "cc-", not "CC/"',
    );
  });

  it('answers /cc-queue as /queue', async () => {
    expect(await ask('/cc-queue')).toContain('Queue — Demo contact center');
  });

  it('lists the prefixed names in /cc-help, and suggests /cc-queue for /cc-queu', async () => {
    const help = await ask('/cc-help');
    expect(help).toContain('/cc-queue');
    expect(help).not.toMatch(/(^|\s)\/queue\b/m);
    expect(await ask('/cc-queu')).toContain('Did you mean /cc-queue?');
  });
});
