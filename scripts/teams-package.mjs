#!/usr/bin/env node
// Builds the Teams app package (teams/chatops-teams.zip) to upload in Teams or the admin center:
// manifest.json with ${{MICROSOFT_APP_ID}} and ${{BOT_HOST}} filled from the environment and the
// command menu read from commands/ (so a new command needs no change here), plus the two icons,
// at the root of a zip. It runs under tsx (npm run teams:package) to read commands/*.ts.
//
//   MICROSOFT_APP_ID=<bot app id> BOT_HOST=bot.example.com npm run teams:package [-- --out <file>]
//
// The zip is written by fflate with fixed timestamps: byte-for-byte reproducible.
import { readFileSync, writeFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join, resolve } from 'node:path';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const teamsDir = join(root, 'teams');

function fail(message) {
  console.error(`teams:package: ${message}`);
  process.exit(1);
}

function hostOfUrl(text) {
  try {
    return text ? new URL(text).host : undefined;
  } catch {
    return undefined;
  }
}

/** The values to fill in, checked, with a message that says how to fix each. */
function placeholders(env) {
  const appId = (env.MICROSOFT_APP_ID ?? '').trim();
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(appId)) {
    fail(`MICROSOFT_APP_ID must be the bot's Microsoft app id (a GUID like 1b2c3d4e-0000-1111-2222-333344445555), got "${appId}".`);
  }
  // The host of PUBLIC_URL when BOT_HOST is not given: the tab, the chart images and /api/messages share it.
  const host = (env.BOT_HOST || hostOfUrl(env.PUBLIC_URL) || '')
    .trim()
    .replace(/^https?:\/\//i, '')
    .replace(/\/+$/, '');
  if (!/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i.test(host)) {
    fail(
      `BOT_HOST (or PUBLIC_URL) must name the public host that serves /api/messages and the wallboard tab (like bot.example.com, no path), got "${env.BOT_HOST || env.PUBLIC_URL || ''}".`,
    );
  }
  return { MICROSOFT_APP_ID: appId, BOT_HOST: host.toLowerCase() };
}

/** Teams shows at most this many commands a scope; the others are still answered when typed. */
const MENU_SIZE = 10;

/**
 * A scope's command menu: every command of commands/ (name and one-line summary, in /help's
 * order), then the Teams-only commands the manifest lists itself (`link`), `help` last. When they
 * do not fit, the last commands before help are left out of the menu (and named).
 */
export function commandMenu(commands, own) {
  const entry = (c) => ({ title: c.name, description: c.summary.length > 128 ? `${c.summary.slice(0, 127)}…` : c.summary });
  // Commands of some platforms only (Teams' link) are listed by the manifest itself, in the scopes they belong to.
  const here = commands.filter((c) => !c.platforms && !own.some((o) => o.title === c.name));
  const help = here.filter((c) => c.name === 'help').map(entry);
  const others = here.filter((c) => c.name !== 'help').map(entry);
  const room = Math.max(0, MENU_SIZE - help.length - own.length);
  return { commands: [...others.slice(0, room), ...own, ...help], left: others.slice(room).map((c) => c.title) };
}

function fillManifest(text, values, commands) {
  const filled = text.replace(/\$\{\{([A-Z0-9_]+)\}\}/g, (_match, name) => {
    if (!(name in values)) fail(`teams/manifest.json uses \${{${name}}}, which this script does not fill.`);
    return values[name];
  });
  let manifest;
  try {
    manifest = JSON.parse(filled);
  } catch (err) {
    fail(`teams/manifest.json is not valid JSON: ${err.message}`);
  }
  for (const bot of manifest.bots ?? []) {
    for (const list of bot.commandLists ?? []) {
      const menu = commandMenu(commands, list.commands);
      if (menu.left.length > 0)
        console.warn(
          `teams:package: the ${list.scopes.join('/')} menu has room for ${MENU_SIZE} commands; left out (still answered when typed): ${menu.left.join(', ')}`,
        );
      list.commands = menu.commands;
      if (list.commands.length > 10) fail(`a bot command list may hold at most 10 commands (scopes ${list.scopes.join(', ')}).`);
      for (const c of list.commands) {
        if (c.title.length > 32 || c.description.length > 128) fail(`command "${c.title}": title at most 32 and description at most 128 characters.`);
      }
    }
  }
  if (manifest.name.short.length > 30) fail('name.short must be at most 30 characters.');
  if (manifest.description.short.length > 80) fail('description.short must be at most 80 characters.');
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

function checkIcon(file, size) {
  const png = readFileSync(join(teamsDir, file));
  const isPng = png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  if (!isPng || png.readUInt32BE(16) !== size || png.readUInt32BE(20) !== size)
    fail(`teams/${file} must be a ${size}x${size} PNG (node teams/make-icons.mjs draws one).`);
  return png;
}

// A fixed time keeps the zip identical for identical input.
const FIXED_TIME = new Date(2026, 0, 1);

/** A zip archive (deflate) of `files`: [{ name, data }], written by fflate. */
export function zip(files) {
  const entries = Object.fromEntries(files.map(({ name, data }) => [name, [new Uint8Array(data), { level: 9, mtime: FIXED_TIME }]]));
  return Buffer.from(zipSync(entries));
}

/** The bot's commands, read from commands/index.ts (needs tsx). */
async function loadCommands() {
  try {
    return (await import(pathToFileURL(join(root, 'commands', 'index.ts')).href)).commands;
  } catch (err) {
    fail(`could not read the commands from commands/index.ts (${err.message}); run it as "npm run teams:package", which loads tsx.`);
  }
}

async function main() {
  const outFlag = process.argv.indexOf('--out');
  const out = outFlag > 0 && process.argv[outFlag + 1] ? resolve(process.argv[outFlag + 1]) : join(teamsDir, 'chatops-teams.zip');
  const values = placeholders(process.env);
  const manifest = fillManifest(readFileSync(join(teamsDir, 'manifest.json'), 'utf8'), values, await loadCommands());
  const archive = zip([
    { name: 'manifest.json', data: Buffer.from(manifest, 'utf8') },
    { name: 'color.png', data: checkIcon('color.png', 192) },
    { name: 'outline.png', data: checkIcon('outline.png', 32) },
  ]);
  writeFileSync(out, archive);
  console.log(`teams:package: wrote ${out} (${archive.length} bytes) for app ${values.MICROSOFT_APP_ID} at https://${values.BOT_HOST}/api/messages`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
