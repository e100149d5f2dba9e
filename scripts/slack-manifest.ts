// Writes the Slack app manifest from the commands in commands/: `npm run slack:manifest`.
//   --prefix cc-        commands named /cc-queue, /cc-help... (default: SLACK_COMMAND_PREFIX, else none)
//   --out <file>|-      where to write (default slack/manifest.yaml; - prints it)
// Run the bot with the same SLACK_COMMAND_PREFIX so it answers the names the manifest declares.
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { commands } from '../commands/index.js';
import { slackManifest } from '../src/platforms/slack/manifest.js';
import { commandPrefixOf } from '../src/router/command-prefix.js';

if (existsSync('.env') && typeof process.loadEnvFile === 'function') process.loadEnvFile('.env');
const { values } = parseArgs({ options: { prefix: { type: 'string' }, out: { type: 'string' } } });
let prefix: string | undefined;
try {
  prefix = commandPrefixOf(values.prefix ?? process.env.SLACK_COMMAND_PREFIX);
} catch (error) {
  console.error((error as Error).message.replace('SLACK_COMMAND_PREFIX', '--prefix (or SLACK_COMMAND_PREFIX)'));
  process.exit(2);
}
const text = slackManifest({ commands, prefix });
const out = values.out ?? new URL('../slack/manifest.yaml', import.meta.url).pathname;
if (out === '-') process.stdout.write(text);
else {
  writeFileSync(out, text);
  console.log(`wrote ${out}${prefix ? ` (commands /${prefix}queue, /${prefix}help...; run the bot with SLACK_COMMAND_PREFIX=${prefix})` : ''}`);
}
