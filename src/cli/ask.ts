import { ConfigError } from '../config/load.js';
import { writeSync } from 'node:fs';
import { terminalAuditSink } from '../audit/terminal-sink.js';
import { createApp } from '../app/create-app.js';
import { readSettings } from '../app/settings.js';
import { renderText } from '../reply/render-text.js';
import { readableLines } from '../log/logger.js';
import { localeFromEnv } from '../i18n/index.js';

const EXIT_BY_OUTCOME = { ok: 0, not_available: 1, vendor_error: 1, error: 1, usage: 2, denied: 2 } as const;

/**
 * `chatops ask "<text>"`: answers one command as text and exits: 0 on an answer, 1 on a vendor
 * error, 2 on bad usage. Logs go to stderr so stdout holds only the answer.
 */
export async function runAsk(text: string, env: NodeJS.ProcessEnv): Promise<number> {
  let settings;
  try {
    settings = await readSettings(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const { pino } = await import('pino');
  // stdout holds the answer alone: the audit trail goes with the log to stderr (readable on a
  // terminal, JSON lines otherwise) unless AUDIT_LOG says otherwise.
  const readable = process.stderr.isTTY === true;
  const audit = terminalAuditSink({ auditLog: settings.auditLog, readable, print: (line) => void writeSync(2, line) });
  const app = await createApp({
    settings,
    watch: false,
    platforms: false,
    logDestination: readable ? readableLines(2) : pino.destination({ dest: 2, sync: true }),
    audit,
  });
  try {
    // Work past a couple of seconds says what is being done, on stderr: stdout holds the answer alone.
    const progress = (note: string) => void process.stderr.write(`${note}\n`);
    const { reply, outcome } = await app.router.run({
      text,
      asker: { platform: 'console', userId: 'console', locale: localeFromEnv(env) },
      venue: 'console',
      progress,
    });
    process.stdout.write(`${renderText(reply, { asTyped: app.asTyped })}\n`);
    return EXIT_BY_OUTCOME[outcome];
  } finally {
    await app.stop(1_000);
  }
}
