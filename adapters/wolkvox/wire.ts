import { z } from 'zod';

/**
 * The wolkvox wire format. Every field the vendor documents is a string; some endpoints answer
 * numbers or nulls anyway, so each field accepts string, number or null and comes out as a
 * string or undefined. Unknown fields pass through (`looseObject`): the vendor adds columns.
 *
 * Only this folder may import these types: commands see the domain model.
 */

/** A documented text field: string, number or null on the wire, `string | undefined` here. */
const text = z
  .union([z.string(), z.number(), z.boolean(), z.null()])
  .optional()
  .transform((v) => (v === null || v === undefined ? undefined : String(v)));

/** `data` may be a list, a single object, null or an empty string when there is nothing. */
function listOf<T extends z.ZodType>(item: T) {
  return z
    .union([z.array(item), item, z.null(), z.literal(''), z.undefined()])
    .transform((v): Array<z.output<T>> => (Array.isArray(v) ? v : v === null || v === '' || v === undefined ? [] : [v as z.output<T>]));
}

/**
 * `{ code, error, msg, data }`. `code` is `"200"` on some endpoints and `200` on others.
 * Neither `error` nor `msg` has a documented type beyond "string": accept anything.
 */
export const envelopeSchema = z.looseObject({
  code: z.union([z.string(), z.number()]),
  error: z.unknown().optional(),
  msg: z.unknown().optional(),
  data: z.unknown().optional(),
});
export type Envelope = z.output<typeof envelopeSchema>;

/** One message inside `real_time.php?api=chats`. */
export const liveMessageSchema = z.looseObject({ from: text, msg: text, date: text });

/** One chat in progress, grouped under its agent. */
export const liveChatSchema = z.looseObject({
  conn_id: text,
  channel: text,
  connector_id: text,
  customer_phone: text,
  conversation: listOf(liveMessageSchema),
});

/** `real_time.php?api=chats`: one entry per agent with their active chats. */
export const liveAgentChatsSchema = z.looseObject({
  agent_id: text,
  active_chats: listOf(liveChatSchema),
});
export const realTimeChatsDataSchema = listOf(liveAgentChatsSchema);
export type LiveAgentChatsWire = z.output<typeof liveAgentChatsSchema>;
export type LiveChatWire = z.output<typeof liveChatSchema>;

/** One message of a finished conversation (`reports_manager.php?api=chat_2`). */
export const chat2MessageSchema = z.looseObject({
  channel: text,
  from: text,
  from_name: text,
  to_name: text,
  date: text,
  message: text,
  customer_id: text,
  feeling: text,
});

/** `chat_2`: one record per `conn_id` with its nested messages. */
export const chat2RecordSchema = z.looseObject({
  conn_id: text,
  agent_name: text,
  customer_name: text,
  conversation: listOf(chat2MessageSchema),
});
export const chat2DataSchema = listOf(chat2RecordSchema);
export type Chat2RecordWire = z.output<typeof chat2RecordSchema>;

/** `reports_manager.php?api=chat_8`: one row per interaction that started with the bot. */
export const chat8RowSchema = z.looseObject({
  conn_id: text,
  session_id: text,
  times_chatted: text,
  start_date: text,
  end_date: text,
  time_on_chatbot: text,
  rp_id: text,
  channel: text,
  go_to_agent: text,
  customer_phone: text,
  customer_name: text,
  agent_id: text,
  agent_name: text,
  time_with_agent: text,
  total_time: text,
  customer_chars: text,
  agent_chars: text,
  total_chars: text,
  asa: text,
  last_sender: text,
  customer_id: text,
  customer_email: text,
});
export const chat8DataSchema = listOf(chat8RowSchema);
export type Chat8RowWire = z.output<typeof chat8RowSchema>;

/** `information.php?api=agents`. */
export const agentSchema = z.looseObject({
  agent_id: text,
  agent_name: text,
  agent_status: text,
  last_use: text,
  enabled: text,
});
export const agentsDataSchema = listOf(agentSchema);
export type AgentWire = z.output<typeof agentSchema>;

/** `information.php?api=token_info`: the vendor's own count of our requests. */
export const tokenInfoSchema = z.looseObject({
  token_limit: text,
  token_use_today: text,
  all_token_today: text,
});
export const tokenInfoDataSchema = listOf(tokenInfoSchema);
export type TokenInfoWire = z.output<typeof tokenInfoSchema>;

/**
 * `real_time.php?api=skills&skill_id=N`. Only the fields FACTS.md names are read; the rest of the
 * row (the vendor lists more with "...") passes through untouched.
 */
export const skillSchema = z.looseObject({
  skill_id: text,
  skill_name: text,
  calls_in_queue_now: text,
  stat_inbound: text,
  stat_answer: text,
  stat_abandon: text,
  service_level_20seg: text,
});
export const skillsDataSchema = listOf(skillSchema);
export type SkillWire = z.output<typeof skillSchema>;
