import type { AuditEntry } from '../router/types.js';
import type { AuditRecord } from './audit-sink.js';

/**
 * The router's audit entry as a record of the trail. The router writes them (its audit step,
 * once an event is answered): transcript views, `/alerts ack|silence` and the Acknowledge and
 * Silence buttons, and shares.
 */
export function auditEntryOf(entry: AuditEntry): AuditRecord {
  return { at: entry.at, action: entry.action, target: entry.target, user: entry.asker.userId, platform: entry.asker.platform, venue: entry.venue };
}
