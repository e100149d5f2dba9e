import { z } from 'zod';

/**
 * VCC Live's wire format (Get Chat Log, online users), as zod schemas.
 *
 * Lenient on purpose: the documented example is one chat, so unknown fields pass through and
 * every field but `chatId` may be missing or null. Types are still checked when a field is there,
 * so a changed format fails loudly (a `nonsense/schema` error) instead of counting garbage.
 */

/** Integer ids arrive as numbers; a string of digits is accepted too (PHP backends drift). */
const intLike = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number),
]);
const numberLike = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
]);
const text = z.string().nullish();

/**
 * Every answer: `{ response, errors }`. Success is HTTP 200 with an empty `errors`; a non-empty
 * `errors` is a refusal even with HTTP 200. Error entries have no documented shape (strings or
 * objects), so they stay `unknown` and are read by `errors.ts`.
 */
export const envelopeSchema = z.looseObject({
  response: z.unknown().optional(),
  errors: z.array(z.unknown()).nullish(),
});
export type EnvelopeWire = z.output<typeof envelopeSchema>;

export const attachmentSchema = z.looseObject({
  type: text,
  payload: z.looseObject({ url: text }).nullish(),
});

/** One message of a chat's `transcript`; `date` is ISO with an offset, unlike the rest. */
export const transcriptMessageSchema = z.looseObject({
  id: text,
  date: text,
  message: text,
  name: text,
  pageUrl: text,
  pageTitle: text,
  attachments: z.array(attachmentSchema).nullish(),
});
export type TranscriptMessageWire = z.output<typeof transcriptMessageSchema>;

/** One chat of Get Chat Log. Times without `T`/offset are the account's local time. */
export const chatSchema = z.looseObject({
  chatId: intLike,
  projectId: intLike.nullish(),
  entityId: intLike.nullish(),
  contactId: intLike.nullish(),
  ticketId: intLike.nullish(),
  ticketNo: text,
  sessionId: text,
  type: text,
  pageName: text,
  visitorName: text,
  firstAgent: intLike.nullish(),
  lastAgent: intLike.nullish(),
  firstQueueId: intLike.nullish(),
  lastQueueId: intLike.nullish(),
  ipAddress: text,
  firstURL: text,
  lastURL: text,
  sessionStartTime: text,
  sessionCloseTime: text,
  duration: numberLike.nullish(),
  firstVisitorMessageTime: text,
  firstAgentMessageTime: text,
  lastVisitorMessageTime: text,
  lastVisitorMessageAgentResponseTime: text,
  lastAgentMessageTime: text,
  isSPAM: intLike.nullish(),
  transcript: z.array(transcriptMessageSchema).nullish(),
  visitorTranscript: text,
  agentTranscript: text,
  disposition: text,
  firstResponseTime: numberLike.nullish(),
  averageResponseTime: numberLike.nullish(),
  slaStatus: text,
  firstAgentName: text,
  lastAgentName: text,
  firstQueueName: text,
  lastQueueName: text,
  ticketTypeId: intLike.nullish(),
  transferCount: intLike.nullish(),
});
export type ChatWire = z.output<typeof chatSchema>;

/**
 * The `response` of Get Chat Log: documented as an array of chats. `null` (nothing found) reads
 * as empty; a `{ rows: [...] }` wrapper is accepted too because other VCC Live list endpoints
 * (CDRs) answer that way.
 */
export const chatListSchema = z.preprocess(unwrapList, z.array(chatSchema));

/** Normalises a list answer before validation, so schema errors point at the bad item's field. */
function unwrapList(value: unknown): unknown {
  if (value == null) return [];
  if (typeof value === 'object' && !Array.isArray(value) && Array.isArray((value as { rows?: unknown }).rows)) return (value as { rows: unknown[] }).rows;
  return value;
}

/** One entry of `GET /v2/onlineusers/{projectId}`. */
export const onlineUserSchema = z.looseObject({
  userId: intLike,
  username: text,
  /** VCC Live's state word, e.g. `AVAILABLE4CALL`, `CALL`, `AUX`. */
  state: text,
  /** Seconds in the current state. */
  stateDuration: numberLike.nullish(),
  /** ISO with offset, e.g. `2023-01-20T12:50:43+01:00`. */
  stateChangedAt: text,
});
export type OnlineUserWire = z.output<typeof onlineUserSchema>;

export const onlineUserListSchema = z.preprocess(unwrapList, z.array(onlineUserSchema));
