import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AuditRecord, AuditSink } from './audit-sink.js';

/**
 * One JSON object per line, written synchronously so a record is on disk (or on the stream)
 * before the answer it describes is sent. `AUDIT_LOG` picks the place:
 * - unset or `stdout`: standard output, each line marked `"audit":true`, beside but apart from
 *   the log lines (which are pino's and obey LOG_LEVEL; these do not);
 * - `stderr`: standard error;
 * - a path: appended to that file (created with its directory, mode 0600).
 *
 * @example
 *   const audit = openAuditSink(process.env.AUDIT_LOG);
 *   audit.record({ at, action: 'transcript.view', target: 'bogota:12345', user: 'U0SUP', platform: 'slack' });
 */
export function openAuditSink(where: string | undefined): AuditSink & { description: string } {
  const target = where?.trim() || 'stdout';
  if (target === 'stdout' || target === '-') return fdSink(1, 'standard output', false);
  if (target === 'stderr') return fdSink(2, 'standard error', false);
  mkdirSync(dirname(target), { recursive: true });
  return fdSink(openSync(target, 'a', 0o600), target, true);
}

function fdSink(fd: number, description: string, owned: boolean): AuditSink & { description: string } {
  let closed = false;
  return {
    description,
    record(entry: AuditRecord) {
      if (closed) return;
      writeSync(fd, jsonAuditLine(entry));
    },
    async close() {
      if (closed) return;
      closed = true;
      if (owned) closeSync(fd);
    },
  };
}

/** One record as its JSON line, marked `"audit":true`. */
export function jsonAuditLine(entry: AuditRecord): string {
  return `${JSON.stringify({ audit: true, ...entry })}\n`;
}
