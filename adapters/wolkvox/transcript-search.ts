import { DateTime } from 'luxon';
import type { ConversationDayIndex } from '../../src/domain/day-index.js';
import type { WolkvoxClient } from './client.js';
import { dayOfConnId } from './conn-id-day.js';
import { localDate } from '../../src/domain/local-date.js';
import { dayRange } from './dates.js';
import { cutFromDay, type DayCut } from './day-cuts.js';
import { scanChat2Day } from './day-scan.js';
import { chat2RecordSchema, type Chat2RecordWire } from './wire.js';

/**
 * A day counts as finished (its report will not change) this long after its local midnight:
 * a conversation that began at 23:50 may still be open a while after it.
 */
export const FINISHED_AFTER_MS = 2 * 3_600_000;
/** How long the reading of a day that is not finished is remembered (it is only used while newer than the live list). */
const CURRENT_DAY_KEEP_MS = 10 * 60_000;

export interface TranscriptSearchOptions {
  timeZone: string;
  now: Date;
  /** Local days searched, today included. */
  lookbackDays: number;
  /** Which ids each day holds, shared with other lookups (and replicas). */
  index: ConversationDayIndex;
  /** Names this operation's data in the index (`wolkvox:0032`). */
  scope: string;
  /**
   * When the live-chat list that did not have the id was read (ms). A reading of a day that is
   * not finished counts only when it is at least as new: a chat that ended in between is then in
   * one or the other.
   */
  liveAsOf: number;
  /** Reads of the same day by lookups running at once in this process are shared. */
  scans: Map<string, Promise<DayRead>>;
  /** Cuts of records out of a day known to hold them, shared the same way. */
  cuts: Map<string, DayCut>;
  /** Clock (ms) for the time a day is read. */
  clock: () => number;
  signal?: AbortSignal;
}

export interface DayRead {
  ids: ReadonlySet<string>;
  scannedAt: number;
  /** The raw record of the id the reading was started for. */
  found: unknown;
  forId: string;
}

/**
 * Searches finished conversations for `connId`: the day its id names first (when it names one
 * inside the window), then today and one local day at a time backwards. A day the index has read
 * costs nothing when it lacks the id and one request when it holds it; a day never read costs one
 * request, read to the end so that it is remembered. Undefined when no day within the window has it.
 */
export async function searchFinishedConversation(
  client: WolkvoxClient,
  connId: string,
  options: TranscriptSearchOptions,
): Promise<Chat2RecordWire | undefined> {
  const { timeZone: zone, now } = options;
  const days = searchOrder(connId, now, zone, options.lookbackDays);
  const entries = await options.index.lookup(options.scope, days, connId);
  for (const [i, day] of days.entries()) {
    const range = dayRange(day, zone, now);
    const finished = isFinished(day, zone, now);
    const entry = entries[i];
    if (entry && (finished || entry.scannedAt >= options.liveAsOf)) {
      if (!entry.holds) continue;
      const found = await cutFromDay(client, options.cuts, `${day}:${range.dateEnd}`, range, connId, options.signal);
      if (found !== undefined) return parseRecord(client, found);
      continue;
    }
    const read = await readDay(client, day, range, connId, finished, options);
    if (read.forId === connId && read.found !== undefined) return parseRecord(client, read.found);
    if (!read.ids.has(connId)) continue;
    // Read for another lookup: cut our record out (with others' that asked at the same time).
    const found = await cutFromDay(client, options.cuts, `${day}:${range.dateEnd}`, range, connId, options.signal);
    if (found !== undefined) return parseRecord(client, found);
  }
  return undefined;
}

/** The days to search, most likely first: the one the id names (inside the window), then newest to oldest. */
export function searchOrder(connId: string, now: Date, zone: string, lookbackDays: number): string[] {
  const window = Array.from({ length: lookbackDays }, (_, back) => localDate(now, zone, back));
  const named = dayOfConnId(connId);
  return named && window.includes(named) ? [named, ...window.filter((d) => d !== named)] : window;
}

function isFinished(day: string, zone: string, now: Date): boolean {
  const end = DateTime.fromISO(day, { zone }).plus({ days: 1 }).startOf('day');
  return now.getTime() >= end.toMillis() + FINISHED_AFTER_MS;
}

/** Reads a whole day once (shared by lookups running at once) and remembers which ids it holds. */
function readDay(
  client: WolkvoxClient,
  day: string,
  range: ReturnType<typeof dayRange>,
  connId: string,
  finished: boolean,
  options: TranscriptSearchOptions,
): Promise<DayRead> {
  const key = `${day}:${range.dateEnd}`;
  const running = options.scans.get(key);
  if (running) return running;
  const read = (async (): Promise<DayRead> => {
    const scannedAt = options.clock();
    const { found, ids = [] } = await scanChat2Day(client, range, connId, true, options.signal);
    const ttlMs = finished ? (options.lookbackDays + 1) * 86_400_000 : CURRENT_DAY_KEEP_MS;
    await options.index.record(options.scope, day, ids, { scannedAt, ttlMs });
    return { ids: new Set(ids), scannedAt, found, forId: connId };
  })();
  options.scans.set(key, read);
  read.then(
    () => options.scans.delete(key),
    () => options.scans.delete(key),
  );
  return read;
}

function parseRecord(client: WolkvoxClient, found: unknown): Chat2RecordWire {
  const record = chat2RecordSchema.safeParse(found);
  if (!record.success) {
    throw client.http.error({
      kind: 'nonsense',
      reason: 'schema',
      endpoint: 'reports_manager.php?api=chat_2',
      detail: `unexpected chat_2 record shape: ${record.error.issues[0]?.message ?? ''}`,
    });
  }
  return record.data;
}
