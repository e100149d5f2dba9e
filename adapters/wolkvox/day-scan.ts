import type { WolkvoxClient } from './client.js';
import type { WolkvoxRange } from './dates.js';
import { KeyValueFinder } from './json-scan.js';
import { ConversationFinder, UnreadableRecord } from './conversation-finder.js';

/** What reading one day of `chat_2` gave: the raw record of the id looked for, and, when read to the end, every id. */
export interface DayScan {
  found: unknown;
  /** Every `conn_id` of the day; undefined when the read stopped at the match. */
  ids?: string[];
}

/**
 * Reads one day of `chat_2` (one vendor request). With `whole`, reads to the end and collects
 * every conversation id (to remember the day by), cutting out the record of `connId` on the way;
 * without, stops at the match.
 */
export async function scanChat2Day(client: WolkvoxClient, range: WolkvoxRange, connId: string, whole: boolean, signal?: AbortSignal): Promise<DayScan> {
  const finder = new ConversationFinder(connId);
  const ids = whole ? new Set<string>() : undefined;
  const keys = whole ? new KeyValueFinder(['conn_id']) : undefined;
  let found: unknown;
  try {
    await client.streamChat2(
      range,
      (chunk, offset) => {
        keys?.push(chunk, ({ value }) => ids!.add(value));
        if (found === undefined) found = finder.push(chunk, offset);
        return !whole && found !== undefined;
      },
      signal,
    );
  } catch (error) {
    if (error instanceof SyntaxError || error instanceof UnreadableRecord) {
      throw client.http.error({
        kind: 'nonsense',
        reason: 'malformed',
        endpoint: 'reports_manager.php?api=chat_2',
        detail: `the chat_2 record of the conversation could not be read: ${error.message}`,
      });
    }
    throw error;
  }
  return { found, ids: ids && [...ids] };
}
