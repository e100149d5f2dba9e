import { localeFromEnv } from '../i18n/index.js';
import { ConfigError } from '../config/load.js';
import { describeProblem } from '../config/config-problem.js';
import { terminalAuditSink } from '../audit/terminal-sink.js';
import { createApp } from '../app/create-app.js';
import { readSettings } from '../app/settings.js';
import { startPrompt } from '../platforms/console/prompt.js';
import { createTerminal } from '../platforms/console/terminal.js';
import { readableLines } from '../log/logger.js';

export interface StartOptions {
  env: NodeJS.ProcessEnv;
  /** Offer the `chatops>` prompt (a terminal is attached, or `chatops console`). */
  interactive: boolean;
  /** Run the HTTP server (false for `chatops console`). */
  serve: boolean;
}

/** `chatops start` / `npm start`: runs until SIGTERM or SIGINT, then shuts down gracefully. */
export async function runStart({ env, interactive, serve }: StartOptions): Promise<number> {
  let settings;
  try {
    settings = await readSettings(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(
        `The configuration has problems; nothing was started.\n${error.problems.map((p) => `  ${describeProblem(p)}`).join('\n')}\nCheck it with: npx chatops check-config ${error.file}`,
      );
      return 2;
    }
    throw error;
  }
  // With a prompt on the terminal, log lines go to stderr and only warnings and worse unless
  // LOG_LEVEL says otherwise, so they do not bury the answers.
  if (interactive && !env.LOG_LEVEL) settings = { ...settings, logLevel: 'warn' };
  // At the prompt, alerts and log lines are printed above it and the prompt drawn again below.
  const terminal = interactive ? createTerminal() : undefined;
  const toStderr =
    terminal && (process.stderr.isTTY ? readableLines((line) => terminal.print(line, 'err')) : { write: (line: string) => terminal.print(line, 'err') });
  const app = await createApp({
    settings,
    watch: true,
    platforms: serve,
    logDestination: toStderr,
    write: terminal ? (text) => terminal.print(text) : undefined,
    // At a prompt, stdout holds the answers: the audit trail goes with the log lines (readable on a
    // terminal, above the prompt), or only to AUDIT_LOG when set.
    audit: terminal
      ? terminalAuditSink({ auditLog: settings.auditLog, readable: process.stderr.isTTY === true, print: (line) => terminal.print(line, 'err') })
      : undefined,
  });
  // The port first: when it is taken, that is all there is to say (not after a page of start-up lines).
  let listening: string | undefined;
  if (serve) {
    try {
      const port = await app.serve();
      listening = `HTTP server listening on port ${port}: /healthz /readyz /metrics${settings.slack ? ' /slack/events' : ''} /api/messages`;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE' || code === 'EACCES') {
        const why = code === 'EADDRINUSE' ? 'is in use by another program' : 'needs more privileges than this user has';
        console.error(
          `Cannot listen on port ${settings.port}: it ${why}. Stop that program, or start with another port, e.g. PORT=${settings.port === 3000 ? 3001 : 3000} npm start.`,
        );
      } else app.logger.error({ err: error }, `cannot start the HTTP server on port ${settings.port}`);
      await app.stop(1_000);
      return 1;
    }
  }
  const startup = [...app.describe(), ...(listening ? [listening] : [])];
  if (interactive) process.stdout.write(`${startup.join('\n')}\n\n`);
  else for (const line of startup) app.logger.info(line);

  return new Promise<number>((resolve) => {
    let stopping = false;
    const shutdown = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      app.logger.info(`${signal}: shutting down (finishing commands in flight)`);
      prompt?.close();
      await app.stop(Number(env.CHATOPS_SHUTDOWN_GRACE_MS ?? 10_000));
      app.logger.info('stopped');
      // An open stdin (a pipe the other end keeps open) would keep the process alive.
      if (interactive) process.stdin.destroy();
      resolve(0);
    };
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    process.once('SIGINT', () => void shutdown('SIGINT'));
    const prompt = terminal
      ? startPrompt({ router: app.router, terminal, asTyped: app.asTyped, locale: localeFromEnv(env), onClose: () => void shutdown('end of input') })
      : undefined;
  });
}
