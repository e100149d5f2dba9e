import { createLogger, type Logger } from '../../src/log/logger.js';

/** One parsed log line (pino JSON): `level` 30 info, 40 warn, 50 error. */
export type LogLine = Record<string, unknown> & { level: number; msg: string };

/**
 * A logger whose lines a test can read, with the real redaction of `createLogger` (probot's
 * collecting log target). The one definition for every test that asserts on logs.
 *
 * @example
 *   const { logger, lines, warnings } = collectingLogger();
 *   expect(warnings()).toContainEqual(expect.objectContaining({ msg: expect.stringContaining('Redis') }));
 */
export function collectingLogger(options: { secrets?: string[] } = {}): {
  logger: Logger;
  lines: LogLine[];
  warnings: () => LogLine[];
  infos: () => LogLine[];
} {
  const lines: LogLine[] = [];
  const logger = createLogger({
    level: 'debug',
    secrets: options.secrets,
    destination: {
      write: (chunk: string) =>
        void lines.push(
          ...chunk
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as LogLine),
        ),
    },
  });
  return { logger, lines, warnings: () => lines.filter((l) => l.level === 40), infos: () => lines.filter((l) => l.level === 30) };
}
