import type { AuditRecord, AuditSink } from './audit-sink.js';
import { jsonAuditLine, openAuditSink } from './json-lines-sink.js';

export interface TerminalAuditOptions {
  /** `AUDIT_LOG`: when set, the trail goes there alone, as JSON lines. */
  auditLog: string | undefined;
  /** A person reads the lines (they land on a terminal): one readable line each, else JSON lines. */
  readable: boolean;
  /** Prints one line where the log lines go (at the prompt: above it, then the prompt drawn again). */
  print: (line: string) => void;
}

/**
 * The audit trail of `chatops ask` and of the `chatops>` prompt: beside the log lines, and like
 * them readable on a terminal (`07:41:02 AUDIT: console viewed transcript demo:DEMO-26113000417
 * (console, console)`) and JSON lines otherwise, so a pipe or a file still gets records a
 * program can read. With `AUDIT_LOG` set the trail goes only there.
 *
 * @example
 *   const audit = terminalAuditSink({ auditLog: settings.auditLog, readable: process.stderr.isTTY, print: (line) => terminal.print(line, 'err') });
 */
export function terminalAuditSink({ auditLog, readable, print }: TerminalAuditOptions): AuditSink & { description: string } {
  if (auditLog?.trim()) return openAuditSink(auditLog);
  let closed = false;
  return {
    description: 'standard error',
    record(entry) {
      if (!closed) print(readable ? readableAuditLine(entry) : jsonAuditLine(entry));
    },
    async close() {
      closed = true;
    },
  };
}

const VERBS: Record<string, string> = {
  'transcript.view': 'viewed transcript',
  'alert.acknowledge': 'acknowledged alert',
  'alert.silence': 'silenced',
  share: 'shared in channel',
};

/** `07:41:02 AUDIT: U0SUP viewed transcript bogota:12345 (slack, direct)`, in this machine's clock as the log lines are. */
export function readableAuditLine(entry: AuditRecord): string {
  const at = new Date(entry.at);
  const time = Number.isNaN(at.getTime()) ? entry.at : [at.getHours(), at.getMinutes(), at.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
  const where = [entry.platform, entry.venue].filter(Boolean).join(', ');
  return `${time} AUDIT: ${entry.user} ${VERBS[entry.action] ?? entry.action} ${entry.target}${where ? ` (${where})` : ''}\n`;
}
