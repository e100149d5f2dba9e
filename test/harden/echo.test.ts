import { afterEach, describe, expect, it } from 'vitest';
import { echo } from '../../src/router/replies.js';
import { linkCommand } from '../../commands/link.js';
import { parseConfigText } from '../../src/config/load.js';
import { countingAdapter, sourceFor, routerOver } from '../support/router-kit.js';
import { startTeamsHarness, type TeamsHarness } from '../teams/harness.js';

/** The real router with the link command, the fixture's sender a supervisor. */
function linkRouter() {
  const config = parseConfigText(
    'sources:\n  demo: { vendor: demo, timeZone: America/Bogota }\naccess:\n  supervisors: { teamsUsers: [6b8a4c2e-3f1d-4e5a-9b7c-1d2e3f4a5b6c] }\n',
    {},
  ).config;
  return routerOver([sourceFor(countingAdapter('demo'))], { commands: [linkCommand], config });
}

const HOSTILE = [
  'link [Reset your password](https://evil.example/login)',
  '<https://evil.example|Reset your password>',
  '<@U0ADMIN> <!channel> <!here> @channel',
  '*bold* _italic_ ~strike~ `code` ```block```',
  '# Heading\n> quote\n- item',
  'evil.example www.evil.example/login',
  '![img](https://evil.example/x.png)',
  '<at>Ana</at> &lt;b&gt;',
];

describe('user text the bot repeats is inert', () => {
  it.each(HOSTILE)('echo(%j) holds nothing that renders as a link, mention or formatting', (text) => {
    const shown = echo(text);
    expect(shown).not.toMatch(/[[\]()<>@*_~`#!|&]/);
    expect(shown).not.toMatch(/:\/\//);
    expect(shown).not.toMatch(/\w\.\w/);
    expect(shown.length).toBeLessThanOrEqual(40);
  });
});

let h: TeamsHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('Teams: "link <markdown>" in a channel', () => {
  it('answers the asker alone, in plain text: the channel sees only "Sent to you privately."', async () => {
    h = await startTeamsHarness({ router: linkRouter() });
    const channelMessage = h.fixture('message-channel-mention', { text: '<at>ChatOps</at> link [Reset your password](https://evil.example/login)' });
    await h.send(channelMessage);
    const channelId = String(channelMessage.conversation.id);
    const inChannel = h.connector.activities.filter((a) => a.conversationId.startsWith(channelId.split(';')[0]!));
    expect(inChannel.map((a) => a.activity.text)).toEqual(['Sent to you privately.']);
    const everything = JSON.stringify(h.connector.activities);
    expect(everything).not.toContain('evil.example');
    expect(everything).not.toContain('](');
    expect(everything).toContain('Reset your password https evil');
  });
});
