/**
 * The audit trail's port: who looked at or changed what, where and when. Always on and apart
 * from the application log, so its level never hides a record and an operator can ship it
 * elsewhere (AUDIT_LOG).
 */

export interface AuditRecord {
  /** ISO instant. */
  at: string;
  /** `transcript.view`, `alert.acknowledge`, `alert.silence`, `share`. */
  action: string;
  /** What it was about: `bogota:12345` (a chat), an alert id, `rule:duration`, the shared command. */
  target: string;
  /** Platform user id (Slack `U…`, Teams AAD object id, `console`). */
  user: string;
  platform: string;
  /** Where: `direct`, `channel` or `console`. */
  venue?: string;
}

export interface AuditSink {
  record(entry: AuditRecord): void;
  /** Flushes and releases the file, if any. */
  close(): Promise<void>;
}

/** Keeps records in memory: tests, and `chatops ask`, which answers once on the terminal. */
export function createMemoryAuditSink(): AuditSink & { records: AuditRecord[] } {
  const records: AuditRecord[] = [];
  return { records, record: (entry) => void records.push(entry), close: async () => undefined };
}
