import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../log/logger.js';

/**
 * Bolt's and the Web API client's logger interface over the process's pino logger, so their
 * lines carry the same redaction and format as ours. Levels follow `LOG_LEVEL`; Bolt cannot
 * change them.
 *
 * @example
 *   new App({ logger: boltLogger(log), receiver })
 */
export function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: 'slack' });
  const line =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...msg: unknown[]) => {
      if (!child.isLevelEnabled(level)) return;
      const errors = msg.filter((m): m is Error => m instanceof Error);
      const text = msg
        .filter((m) => !(m instanceof Error))
        .map((m) => (typeof m === 'string' ? m : safeJson(m)))
        .join(' ');
      if (errors[0]) child[level]({ err: errors[0] }, text || errors[0].message);
      else child[level](text);
    };
  return {
    debug: line('debug'),
    info: line('info'),
    warn: line('warn'),
    error: line('error'),
    setLevel: () => undefined,
    getLevel: () => {
      if (child.isLevelEnabled('debug')) return LogLevel.DEBUG;
      if (child.isLevelEnabled('info')) return LogLevel.INFO;
      if (child.isLevelEnabled('warn')) return LogLevel.WARN;
      return LogLevel.ERROR;
    },
    setName: () => undefined,
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
