import { existsSync } from 'node:fs';
import { checkConfig } from './cli/check-config.js';
import { runAsk } from './cli/ask.js';
import { runStart } from './cli/start.js';

const USAGE = `chatops: the contact-center chat-ops bot

Usage:
  chatops [start]                 run the bot (HTTP server, watcher, platforms; prompt on a terminal)
  chatops ask "<command text>"    answer one command and exit, e.g. chatops ask "/queue"
  chatops console                 the interactive prompt only (no HTTP server)
  chatops check-config [file]     validate a configuration file
  chatops help                    this text

Configuration: CHATOPS_CONFIG or ./chatops.yaml; none = the embedded demo contact center.
Exit codes (ask): 0 answered, 1 vendor error, 2 bad usage.`;

/**
 * A reader that stops early (`chatops check-config | head -2`) closes the pipe: what is left to
 * print has nobody to read it. The command stops printing there and ends with its own exit code,
 * instead of dying on an unhandled EPIPE with a stack trace.
 */
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}
quietOnClosedPipe(process.stdout);
quietOnClosedPipe(process.stderr);

async function main(argv: string[]): Promise<number> {
  const [command = 'start', ...rest] = argv;
  // A .env file in the working directory, read by Node's own loader (20.12+); variables already
  // set in the environment win.
  if (existsSync('.env') && typeof process.loadEnvFile === 'function') process.loadEnvFile('.env');
  switch (command) {
    case 'start':
      return runStart({ env: process.env, interactive: process.stdin.isTTY === true, serve: true });
    case 'console':
      return runStart({ env: process.env, interactive: true, serve: false });
    case 'ask':
      if (rest.length === 0 || rest.join(' ').trim() === '') {
        process.stderr.write('Usage: chatops ask "<command text>", e.g. chatops ask "/queue"\n');
        return 2;
      }
      return runAsk(rest.join(' '), process.env);
    case 'check-config':
      return checkConfig(rest[0], process.env, { out: (l) => console.log(l), err: (l) => console.error(l) });
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return 0;
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    // `start` keeps running: it returns only once shut down.
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
