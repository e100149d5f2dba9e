import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { commands } from '../../commands/index.js';

interface Manifest {
  features: { slash_commands: Array<{ command: string; url: string; description: string; usage_hint?: string }> };
  oauth_config: { scopes: { bot: string[] } };
  settings: { interactivity: { is_enabled: boolean; request_url: string }; socket_mode_enabled: boolean };
}

const manifest = parse(readFileSync(new URL('../../slack/manifest.yaml', import.meta.url), 'utf8')) as Manifest;

describe('slack/manifest.yaml', () => {
  it('declares every command the bot has, each sent to /slack/events with a description', () => {
    const declared = manifest.features.slash_commands.map((c) => c.command).sort();
    expect(declared).toEqual(commands.map((c) => `/${c.name}`).sort());
    for (const c of manifest.features.slash_commands) {
      expect(c.url).toBe('https://YOUR-HOST/slack/events');
      expect(c.description.length).toBeGreaterThan(10);
    }
  });

  it('sends button presses to the same endpoint and asks for the scopes the bot uses', () => {
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: 'https://YOUR-HOST/slack/events' });
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['commands', 'chat:write', 'chat:write.public', 'usergroups:read', 'files:write']));
  });
});
