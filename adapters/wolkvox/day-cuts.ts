import type { WolkvoxClient } from './client.js';
import type { WolkvoxRange } from './dates.js';
import { ConversationFinder, UnreadableRecord } from './conversation-finder.js';

/** One read of a day's `chat_2` that cuts out the records of every id that joined it in time. */
interface DayCut {
  finders: Map<string, ConversationFinder>;
  found: Map<string, unknown>;
  /** Ids may join until the first bytes arrive: from then on a late finder would miss records. */
  open: boolean;
  done: Promise<void>;
}

/**
 * Cuts the record of `connId` out of a day known to hold it. Lookups of ids on the same day
 * that ask while a read of that day has not started receiving share it: one request serves them
 * all (ten supervisors opening ten of yesterday's chats cost one read, not ten).
 *
 * @example
 *   const cuts = new Map();
 *   const raw = await cutFromDay(client, cuts, '2024-05-11', range, '555', signal); // undefined when absent
 */
export function cutFromDay(
  client: WolkvoxClient,
  cuts: Map<string, DayCut>,
  key: string,
  range: WolkvoxRange,
  connId: string,
  signal?: AbortSignal,
): Promise<unknown> {
  let cut = cuts.get(key);
  if (!cut?.open) {
    cut = startCut(client, cuts, key, range, signal);
    cuts.set(key, cut);
  }
  if (!cut.finders.has(connId)) cut.finders.set(connId, new ConversationFinder(connId));
  const joined = cut;
  return joined.done.then(() => joined.found.get(connId));
}

function startCut(client: WolkvoxClient, cuts: Map<string, DayCut>, key: string, range: WolkvoxRange, signal?: AbortSignal): DayCut {
  const cut: DayCut = { finders: new Map(), found: new Map(), open: true, done: Promise.resolve() };
  const close = () => {
    cut.open = false;
    if (cuts.get(key) === cut) cuts.delete(key);
  };
  cut.done = (async () => {
    // Lookups asking in this same turn of the event loop join before the request leaves.
    await Promise.resolve();
    try {
      await client.streamChat2(
        range,
        (chunk, offset) => {
          close();
          for (const [id, finder] of cut.finders) {
            if (cut.found.has(id)) continue;
            const record = finder.push(chunk, offset);
            if (record !== undefined) cut.found.set(id, record);
          }
          return cut.found.size === cut.finders.size;
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
    } finally {
      close();
    }
  })();
  // Every joiner handles the outcome; this only keeps an unobserved failure from being reported twice.
  cut.done.catch(() => undefined);
  return cut;
}

export type { DayCut };
