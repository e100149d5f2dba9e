import type { DayStats } from '../../src/domain/types.js';
import type { ConversationTally } from './conversation-tally.js';
import { localHour, parseVendorDate } from './dates.js';
import { roundedMean } from '../../src/util/rounded-mean.js';
import { readSeconds, readYes } from './values.js';
import type { Chat8RowWire } from './wire.js';

/**
 * One local day from `chat_8` (interactions that started with the bot) and the `chat_2` tally
 * (conversations agents handled):
 * - chats: distinct conn_ids of both reports (a chat the bot kept and one an agent took count once);
 * - handoffRate: chat_8 rows that went to an agent / chat_8 rows;
 * - averageWaitSeconds: mean `asa` (customer's first message to the agent's answer) of handed rows;
 * - averageChatSeconds: mean `total_time` of chat_8 rows;
 * - chatsByHour: by chat_8 `start_date`, else by the first message of the chat_2 conversation;
 *   left out when some chat has neither (the hours would not add up to the chats).
 */
export function buildDayStats(date: string, rows: Chat8RowWire[], tally: ConversationTally, zone: string): DayStats {
  const starts = new Map<string, string | undefined>();
  rows.forEach((row, i) => starts.set(row.conn_id || `chat_8 row ${i}`, parseVendorDate(row.start_date, zone)));
  for (const [connId, first] of tally.firstMessage) {
    if (!starts.get(connId)) starts.set(connId, parseVendorDate(first, zone));
  }
  const handed = rows.filter((r) => readYes(r.go_to_agent));
  const known = [...starts.values()].filter((s): s is string => s !== undefined);
  const stats: DayStats = { date, chats: starts.size };
  if (rows.length > 0) stats.handoffRate = handed.length / rows.length;
  const wait = roundedMean(handed.map((r) => readSeconds(r.asa)));
  if (wait !== undefined) stats.averageWaitSeconds = wait;
  const length = roundedMean(rows.map((r) => readSeconds(r.total_time)));
  if (length !== undefined) stats.averageChatSeconds = length;
  // Hours only when every chat has a readable start: a day's hours add up to its chats.
  if (known.length > 0 && known.length === starts.size) {
    const byHour = Array.from({ length: 24 }, () => 0);
    for (const at of known) byHour[localHour(at, zone)]! += 1;
    stats.chatsByHour = byHour;
  }
  return stats;
}
