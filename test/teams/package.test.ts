import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { crc32, inflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
// @ts-expect-error: a plain .mjs script without types
import { commandMenu } from '../../scripts/teams-package.mjs';

const run = promisify(execFile);
/** As `npm run teams:package` runs it: under tsx, which reads commands/*.ts. */
const node = (args: string[], env: NodeJS.ProcessEnv) => run(process.execPath, ['--import', 'tsx', ...args], { env });
const script = new URL('../../scripts/teams-package.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'teams-package-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const APP_ID = '1b2c3d4e-0000-4111-8222-333344445555';

/** Reads a zip through its central directory, checking each entry's CRC-32 like an unzip tool would. */
function readZip(archive: Buffer): Map<string, Buffer> {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end).toBeGreaterThan(0);
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(archive.readUInt32LE(at)).toBe(0x02014b50);
    const method = archive.readUInt16LE(at + 10);
    const crc = archive.readUInt32LE(at + 16);
    const packedSize = archive.readUInt32LE(at + 20);
    const size = archive.readUInt32LE(at + 24);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const localAt = archive.readUInt32LE(at + 42);
    const name = archive.toString('utf8', at + 46, at + 46 + nameLength);
    expect(archive.readUInt32LE(localAt)).toBe(0x04034b50);
    const dataAt = localAt + 30 + archive.readUInt16LE(localAt + 26) + archive.readUInt16LE(localAt + 28);
    const packed = archive.subarray(dataAt, dataAt + packedSize);
    const data = method === 8 ? inflateRawSync(packed) : packed;
    expect(data.length).toBe(size);
    expect(crc32(data)).toBe(crc);
    files.set(name, data);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

describe('npm run teams:package', () => {
  it('keeps a menu within the 10 Teams shows, help last, naming the commands left out', () => {
    const many = Array.from({ length: 11 }, (_, i) => ({ name: `c${i + 1}`, summary: `Command ${i + 1}` }));
    const menu = commandMenu([...many, { name: 'help', summary: 'x'.repeat(200) }], [{ title: 'link', description: 'Link' }]);
    expect(menu.commands.map((c: { title: string }) => c.title)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'link', 'help']);
    expect(menu.commands.at(-1).description).toHaveLength(128);
    expect(menu.left).toEqual(['c9', 'c10', 'c11']);
  });

  it('builds an app package with the app id and host filled in and both icons at the root', async () => {
    const out = join(dir, 'app.zip');
    const { stdout } = await node([script, '--out', out], { ...process.env, MICROSOFT_APP_ID: APP_ID, BOT_HOST: 'https://bot.contoso.example/' });
    expect(stdout).toContain('https://bot.contoso.example/api/messages');
    const files = readZip(readFileSync(out));
    expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0].botId).toBe(APP_ID);
    expect(manifest.validDomains).toEqual(['bot.contoso.example']);
    expect(manifest.developer.websiteUrl).toBe('https://bot.contoso.example/');
    // The wallboard as a personal tab, signed in through Teams SSO for this app.
    expect(manifest.staticTabs).toEqual([
      expect.objectContaining({ entityId: 'wallboard', contentUrl: 'https://bot.contoso.example/wallboard/teams', scopes: ['personal'] }),
    ]);
    expect(manifest.webApplicationInfo).toEqual({ id: APP_ID, resource: `api://bot.contoso.example/${APP_ID}` });
    expect(JSON.stringify(manifest)).not.toContain('${{');
    expect(manifest.bots[0].scopes).toEqual(['personal', 'team', 'groupChat']);
    const teamCommands = manifest.bots[0].commandLists.find((l: any) => l.scopes.includes('team')).commands.map((c: any) => c.title);
    expect(teamCommands).toEqual(expect.arrayContaining(['queue', 'transcript', 'link', 'help']));
    // The menus are read from commands/: every command, in /help's order, help last; link only where channels are.
    const names = commands.filter((c) => !c.platforms).map((c) => c.name);
    expect(teamCommands).toEqual([...names.filter((n) => n !== 'help'), 'link', 'help']);
    const personal = manifest.bots[0].commandLists.find((l: any) => l.scopes.includes('personal')).commands;
    expect(personal.map((c: any) => c.title)).toEqual(names);
    expect(personal.find((c: any) => c.title === 'queue').description).toBe(commands.find((c) => c.name === 'queue')!.summary);
    const size = (png: Buffer) => [png.readUInt32BE(16), png.readUInt32BE(20)];
    expect(size(files.get('color.png')!)).toEqual([192, 192]);
    expect(size(files.get('outline.png')!)).toEqual([32, 32]);
  });

  it('takes the host from PUBLIC_URL when BOT_HOST is not set', async () => {
    const out = join(dir, 'public-url.zip');
    const { BOT_HOST: _unset, ...env } = process.env;
    await node([script, '--out', out], { ...env, MICROSOFT_APP_ID: APP_ID, PUBLIC_URL: 'https://floor.contoso.example' });
    const manifest = JSON.parse(readZip(readFileSync(out)).get('manifest.json')!.toString('utf8'));
    expect(manifest.validDomains).toEqual(['floor.contoso.example']);
    expect(manifest.staticTabs[0].contentUrl).toBe('https://floor.contoso.example/wallboard/teams');
  });

  it('builds the same bytes twice from the same input', async () => {
    const env = { ...process.env, MICROSOFT_APP_ID: APP_ID, BOT_HOST: 'bot.contoso.example' };
    await node([script, '--out', join(dir, 'a.zip')], env);
    await node([script, '--out', join(dir, 'b.zip')], env);
    expect(readFileSync(join(dir, 'a.zip')).equals(readFileSync(join(dir, 'b.zip')))).toBe(true);
  });

  it('stops with a message naming the variable when the app id is missing', async () => {
    const env = { ...process.env, MICROSOFT_APP_ID: '', BOT_HOST: 'bot.contoso.example' };
    const err = await node([script, '--out', join(dir, 'bad.zip')], env).catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 1 });
    expect((err as { stderr: string }).stderr).toMatch(/MICROSOFT_APP_ID must be the bot's Microsoft app id/);
  });
});
