import type { TranscriptMessage } from './types.js';

/** What the roles of a conversation's messages say about it, in seconds. */
export interface ConversationFigures {
  /** From the customer's first message to the first agent (person) message after it. */
  firstResponseSeconds?: number;
  /** From the first message to the bot's last one before an agent took over (or its last one). */
  secondsWithBot?: number;
  /** From the bot's last message before the handoff to the first agent message. */
  secondsToAgent?: number;
}

const secondsBetween = (from: string, to: string): number | undefined => {
  const gap = (Date.parse(to) - Date.parse(from)) / 1000;
  return Number.isFinite(gap) && gap >= 0 ? Math.round(gap) : undefined;
};

/**
 * Figures derived from who wrote what: a bot's messages (wolkvox `from_name: chat_bot`, Comm100
 * `chatbot`) are never an agent's first response, and mark the handoff. Only messages with a time
 * count; a figure whose ends are missing is left out, never guessed.
 *
 * @example
 *   conversationFigures(transcript.messages); // { firstResponseSeconds: 42, secondsWithBot: 15, secondsToAgent: 27 }
 */
export function conversationFigures(messages: readonly TranscriptMessage[]): ConversationFigures {
  const timed = messages.filter((m): m is TranscriptMessage & { at: string } => m.at !== undefined && Number.isFinite(Date.parse(m.at)));
  const figures: ConversationFigures = {};
  const firstCustomer = timed.find((m) => m.role === 'customer');
  const firstAgentIndex = timed.findIndex((m) => m.role === 'agent');
  const firstAgent = firstAgentIndex >= 0 ? timed[firstAgentIndex] : undefined;
  if (firstCustomer && firstAgent && Date.parse(firstAgent.at) >= Date.parse(firstCustomer.at)) {
    const seconds = secondsBetween(firstCustomer.at, firstAgent.at);
    if (seconds !== undefined) figures.firstResponseSeconds = seconds;
  }
  const beforeAgent = firstAgent ? timed.slice(0, firstAgentIndex) : timed;
  const lastBot = beforeAgent.filter((m) => m.role === 'bot').at(-1);
  if (lastBot) {
    const withBot = secondsBetween(timed[0]!.at, lastBot.at);
    if (withBot !== undefined) figures.secondsWithBot = withBot;
    if (firstAgent) {
      const toAgent = secondsBetween(lastBot.at, firstAgent.at);
      if (toAgent !== undefined) figures.secondsToAgent = toAgent;
    }
  }
  return figures;
}
