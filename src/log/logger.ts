import { pino, type Logger, type DestinationStream } from 'pino';
import pretty, { prettyFactory } from 'pino-pretty';
import { redactSecrets } from './redact.js';

export type { Logger };

/** Field names whose values are always hidden, wherever they sit in a log object. */
const REDACT_PATHS = [
  'token',
  '*.token',
  'apiKey',
  '*.apiKey',
  'password',
  '*.password',
  'clientSecret',
  '*.clientSecret',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'headers["wolkvox-token"]',
  '*.headers["wolkvox-token"]',
  'customerPhone',
  '*.customerPhone',
  'customer_phone',
  '*.customer_phone',
  'phone',
  '*.phone',
];

export interface LoggerOptions {
  level?: string;
  /** Secret values (tokens, passwords) to blank out of every line, even inside messages and URLs. */
  secrets?: string[];
  /** Where lines go; default stdout. Tests pass a collecting stream. */
  destination?: DestinationStream;
}

/**
 * Structured logs with secrets removed by key (`token`, `authorization`, ...) and by value
 * (every configured secret, also URL-encoded or Base64), so a token inside an error message
 * or a URL never reaches a line.
 *
 * @example
 *   const log = createLogger({ level: env.LOG_LEVEL, secrets: loaded.secrets });
 *   log.info({ source: 'bogota' }, 'polling');
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 4);
  const destination = options.destination ?? (process.stdout.isTTY ? readableLines(1) : pino.destination({ dest: 1, sync: false }));
  const scrubbing: DestinationStream = secrets.length === 0 ? destination : { write: (line: string) => destination.write(redactSecrets(line, secrets)) };
  return pino(
    {
      level: options.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '***' },
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    scrubbing,
  );
}

/** The log levels LOG_LEVEL may name. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * One readable line per log entry for a person at a terminal ("12:04:31 WARN: watcher: ..."),
 * instead of JSON; `to` is 1 (stdout), 2 (stderr), or a function that prints the line (the
 * prompt's, which draws `chatops>` again after it).
 *
 * @example
 *   createLogger({ destination: process.stderr.isTTY ? readableLines(2) : undefined });
 *   createLogger({ destination: readableLines((line) => terminal.print(line, 'err')) });
 */
export function readableLines(to: 1 | 2 | ((line: string) => void)): DestinationStream {
  const options = { singleLine: true, colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' };
  if (typeof to === 'number') return pretty({ ...options, destination: to, sync: true });
  const format = prettyFactory(options);
  return { write: (line: string) => to(format(line)) };
}

/** A logger that discards everything (tests that do not look at logs). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
