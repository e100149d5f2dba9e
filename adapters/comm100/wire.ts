import { z } from 'zod';

/**
 * Comm100 Live Chat API v4 wire formats, as documented (real-time pages, chat server page) or,
 * where the page is not in our docs (`livechat/chats/{id}`), as read from the public model
 * description. Schemas are lenient on purpose: unknown keys are dropped rather than refused, and
 * every field we are not sure of is optional and nullable, so that a field the vendor adds or
 * omits does not turn a working answer into a "could not read" error.
 *
 * Unknown keys are stripped (plain `z.object`) rather than kept: the documented Queue answer
 * embeds the routed agent's `apiKey`, which must not travel into caches or logs.
 */

/**
 * A number as Comm100 sends it: a JSON number, or the same written as a string (one of the
 * vendor's doc sites types `intradayChats` as string). An empty string is no figure.
 */
const count = z.preprocess((value) => {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : value;
}, z.number().nullish());

/**
 * The vendor's two spellings of the same fields (`ongoingChats` / `onGoingChats`, and the
 * `onGoing...` family): read as the first, which wins when both are sent.
 */
function spelledEitherWay<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
    const fields = value as Record<string, unknown>;
    const renamed: Record<string, unknown> = { ...fields };
    for (const key of Object.keys(fields)) {
      if (!key.startsWith('onGoing')) continue;
      const usual = `ongoing${key.slice('onGoing'.length)}`;
      if (renamed[usual] == null) renamed[usual] = fields[key];
    }
    return renamed;
  }, schema);
}
/** .NET TimeSpan text, e.g. "06:53:57.0500000"; see `parseComm100Duration`. */
const timeSpan = z.string().nullish();
const id = z.union([z.string(), z.number()]).transform(String);

/** `{ total, pageCount, list, pageIndex, pageSize }`, the envelope of every paged list. */
export function pagedList<T extends z.ZodType>(item: T) {
  return z.object({
    total: count,
    pageCount: count,
    list: z.array(item),
    pageIndex: count,
    pageSize: count,
  });
}

/** One row of `GET livechat/realTime/Agents`. */
export const realTimeAgentSchema = spelledEitherWay(
  z.object({
    agentId: id,
    displayName: z.string().nullish(),
    /** A GUID whose well-known values are not documented: see `STATUS_ID_MEANINGS`. */
    currentStatusId: z.string().nullish(),
    ongoingChats: count,
    maxConcurrentChats: count,
    intradayChats: count,
    intradayLinearChatTime: timeSpan,
    statusDistribution: z.unknown().optional(),
  }),
);
export const realTimeAgentsPageSchema = pagedList(realTimeAgentSchema);

const departmentRef = z.object({ id: z.string().nullish(), name: z.string().nullish() });
// Only the two fields we show: the documented example carries the agent's apiKey.
const agentRef = z.object({ id: z.string().nullish(), displayName: z.string().nullish() });

/** One entry of `GET livechat/realTime/Queue` (the answer is an array of these). */
export const queueEntrySchema = spelledEitherWay(
  z.object({
    routeToDepartmentId: z.string().nullish(),
    routeToDepartment: departmentRef.nullish(),
    routeToAgentId: z.string().nullish(),
    routeToAgent: agentRef.nullish(),
    ongoingChats: count,
    maxConcurrentChats: count,
    currentQueueLength: count,
    avgWaitTimeinLast30Mins: timeSpan,
    avgWaitTimeinLast60Mins: timeSpan,
    abandonedChatsinLast30Mins: count,
    switchedtoMessagesinLast30Mins: count,
    visitors: z.array(z.object({ visitorId: z.string().nullish(), contactIdentityId: z.string().nullish(), waitTime: timeSpan })).nullish(),
  }),
);
export const queueSchema = z.array(queueEntrySchema);

/** `GET livechat/realTime/Today`. Durations are plain numbers here (seconds, inferred). */
export const todaySchema = z.object({
  chatRequests: count,
  totalChats: count,
  chats: count,
  chatAcceptanceRate: count,
  /** Sic: the vendor's spelling. `abandonedChats` is accepted too in case it is ever fixed. */
  abandondedChats: count,
  abandonedChats: count,
  switchedToMessageChats: count,
  missedChats: count,
  avgWaitingTime: count,
  avgChatTime: count,
  agentAvgResponseTime: count,
  acceptedInvitations: count,
  serviceAccessibilityRate: count,
  departmentTransferredChats: count,
  totalTransferredChats: count,
  uniqueChatRate: count,
  agentUtilization: count,
  avgScore: count,
});

/** `GET livechat/realTime/RightNow`. */
export const rightNowSchema = spelledEitherWay(
  z.object({
    agentsInChat: count,
    ongoingChats: count,
    ongoingChatsWithAgent: count,
    ongoingChatsWithBot: count,
    currentQueueLength: count,
    visitorOnSite: count,
    loggedInAgents: count,
    chatUtilization: count,
  }),
);

/** `GET livechat/agents`: readable status per agent ("Online", "Away", a custom away status). */
export const agentStatusSchema = spelledEitherWay(
  z.object({
    id,
    status: z.string().nullish(),
    ongoingChats: count,
  }),
);
export const agentStatusesSchema = z.array(agentStatusSchema);

const attachmentSchema = z.object({
  url: z.string().nullish(),
  uri: z.string().nullish(),
  name: z.string().nullish(),
  fileName: z.string().nullish(),
  type: z.string().nullish(),
  contentType: z.string().nullish(),
});

/**
 * One chat message. The v4 page documents `messages` without its item format, so the names
 * below cover the spellings Comm100 uses elsewhere (ticketing `sentByType`/`body`, webhooks
 * `content`/`time`) and the earlier API design (`type` system/visitor/agent/chatbot/note,
 * `senderName`, `sentTime`, `content`, `attachmentUrl`); the mapping takes the first one present.
 */
export const chatMessageSchema = z.object({
  id: id.nullish(),
  senderType: z.union([z.string(), z.number()]).nullish(),
  sentByType: z.union([z.string(), z.number()]).nullish(),
  sender: z.union([z.string(), z.object({ type: z.string().nullish(), name: z.string().nullish(), displayName: z.string().nullish() })]).nullish(),
  source: z.string().nullish(),
  type: z.string().nullish(),
  senderName: z.string().nullish(),
  displayName: z.string().nullish(),
  name: z.string().nullish(),
  content: z.unknown().optional(),
  message: z.unknown().optional(),
  text: z.unknown().optional(),
  body: z.unknown().optional(),
  time: z.string().nullish(),
  sentTime: z.string().nullish(),
  createdTime: z.string().nullish(),
  timestamp: z.union([z.string(), z.number()]).nullish(),
  attachments: z.array(attachmentSchema).nullish(),
  attachment: attachmentSchema.nullish(),
  /** The earlier API design's one file per message. */
  attachmentUrl: z.string().nullish(),
});

/** `GET livechat/chats/{id}`. `status` is "normal"/"refused"/"missed"/"switchedToMessage", or 0/1/2 on older pages. */
export const chatSchema = z.object({
  id,
  sessionId: z.string().nullish(),
  status: z.union([z.string(), z.number()]).nullish(),
  startTime: z.string().nullish(),
  endTime: z.string().nullish(),
  requestedTime: z.string().nullish(),
  waitingTime: z.union([z.number(), z.string()]).nullish(),
  duration: z.union([z.number(), z.string()]).nullish(),
  departmentId: z.string().nullish(),
  departmentName: z.string().nullish(),
  department: z.union([z.string(), departmentRef]).nullish(),
  preChatName: z.string().nullish(),
  preChatEmail: z.string().nullish(),
  preChatPhone: z.string().nullish(),
  agentName: z.string().nullish(),
  visitorName: z.string().nullish(),
  /** An array of messages; a single transcript text is accepted too, since the page types it "string". */
  messages: z.union([z.array(chatMessageSchema), z.string()]).nullish(),
});

/** What `POST https://dash{N}.comm100.io/oauth/token` answers (RFC 6749 field names). */
export const tokenSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().nullish(),
  expires_in: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).nullish(),
  refresh_token: z.string().nullish(),
});

export type RealTimeAgent = z.output<typeof realTimeAgentSchema>;
export type QueueEntry = z.output<typeof queueEntrySchema>;
export type TodayWire = z.output<typeof todaySchema>;
export type RightNowWire = z.output<typeof rightNowSchema>;
export type AgentStatusWire = z.output<typeof agentStatusSchema>;
export type ChatWire = z.output<typeof chatSchema>;
export type ChatMessageWire = z.output<typeof chatMessageSchema>;
export type TokenWire = z.output<typeof tokenSchema>;
