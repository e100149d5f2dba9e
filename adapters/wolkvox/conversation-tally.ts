import type { WolkvoxClient } from './client.js';
import type { WolkvoxRange } from './dates.js';
import { KeyValueFinder } from './json-scan.js';

/** The conversations of a `chat_2` answer: each `conn_id` with the date of its first message. */
export interface ConversationTally {
  /** conn_id -> the vendor's date of the first message (local time), when it has one. */
  firstMessage: Map<string, string | undefined>;
}

/**
 * Counts the conversations of a `chat_2` range by streaming the answer: only the `conn_id` and
 * the first `date` after it are read, so a 256 MB day costs a few megabytes of memory.
 */
export async function tallyConversations(client: WolkvoxClient, range: WolkvoxRange, signal?: AbortSignal): Promise<ConversationTally> {
  const finder = new KeyValueFinder(['conn_id', 'date']);
  const firstMessage = new Map<string, string | undefined>();
  let current: string | undefined;
  await client.streamChat2(
    range,
    (chunk) => {
      finder.push(chunk, (hit) => {
        if (hit.key === 'conn_id') {
          current = firstMessage.has(hit.value) ? undefined : hit.value;
          if (current !== undefined) firstMessage.set(current, undefined);
        } else if (current !== undefined) {
          firstMessage.set(current, hit.value);
          current = undefined;
        }
      });
    },
    signal,
  );
  return { firstMessage };
}
