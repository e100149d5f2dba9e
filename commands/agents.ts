import type { AgentState, AgentStatus } from '../src/domain/types.js';
import type { CommandDefinition } from '../src/router/types.js';
import { UsageError } from '../src/router/types.js';
import { formatCount, formatDuration } from '../src/reply/format.js';
import { pageOf } from '../src/reply/paging.js';
import { maskPhones } from '../src/privacy/mask-phone.js';
import { echo } from '../src/router/replies.js';
import { didYouMean } from '../src/util/suggest.js';
import { capitalize, nextPageButton, refreshButton, sourceContext } from './common.js';

/** Order of the list and of the totals: who can take a chat first. */
const STATES: AgentState[] = ['available', 'busy', 'away', 'offline', 'unknown'];
const FILTERS = ['available', 'busy', 'away', 'offline'] as const;

/**
 * `/agents [source] [status]`: totals by status, then each agent with ongoing chats and capacity.
 *
 * @example
 *   await agentsCommand.handler(ctx); // "3 available · 5 busy · 1 away · 10 offline"
 */
export const agentsCommand: CommandDefinition = {
  name: 'agents',
  summary: 'Agents by status (available, busy, away, offline) with their ongoing chats and capacity.',
  usage: '/agents [source] [available|busy|away|offline]',
  examples: ({ sources }) => ['/agents', '/agents busy', ...(sources.length ? [`/agents ${sources[1] ?? sources[0]} available`] : [])],
  access: 'everyone',
  async handler(ctx) {
    let filter: AgentState | undefined;
    for (const arg of ctx.args) {
      const word = arg.toLowerCase();
      if (filter === undefined && (FILTERS as readonly string[]).includes(word)) filter = word as AgentState;
      else if (filter !== undefined && (FILTERS as readonly string[]).includes(word))
        throw new UsageError('Give one status at most: available, busy, away or offline.');
      else {
        const ids = ctx.sources.all().map((s) => s.id);
        const hint = didYouMean(arg, [...FILTERS, ...ids]);
        if (ids.length > 1) throw new UsageError(`"${echo(arg)}" is neither a status (${FILTERS.join(', ')}) nor a source (${ids.join(', ')}).${hint}`);
        throw new UsageError(`"${echo(arg)}" is not a status: use available, busy, away or offline.${hint}`);
      }
    }
    const source = ctx.sources.primary();
    const fetched = await source.agents();
    const agents = fetched.value;
    const counts = new Map<AgentState, number>(STATES.map((s) => [s, 0]));
    for (const agent of agents) counts.set(agent.state, (counts.get(agent.state) ?? 0) + 1);

    const listed = agents.filter((a) => filter === undefined || a.state === filter).sort(byStateThenName);
    const page = pageOf(listed, ctx.page);
    const now = ctx.now();
    const showCapacity = listed.some((a) => a.ongoingChats !== undefined);
    const showSince = listed.some((a) => a.since !== undefined);
    const showToday = listed.some((a) => a.chatsToday !== undefined);
    const showIds = page.items.some((a) => a.chatIds?.length);
    const columns = [
      'Agent',
      'Status',
      ...(showCapacity ? ['Chats'] : []),
      ...(showSince ? ['For'] : []),
      ...(showToday ? ['Today'] : []),
      ...(showIds ? ['Chats in progress'] : []),
    ];
    const rows = page.items.map((a) => [
      maskPhones(a.name),
      statusOf(a),
      ...(showCapacity ? [capacityOf(a)] : []),
      ...(showSince ? [a.since ? formatDuration((now.getTime() - Date.parse(a.since)) / 1000) : '—'] : []),
      ...(showToday ? [formatCount(a.chatsToday)] : []),
      ...(showIds ? [a.chatIds?.join(' ') ?? ''] : []),
    ]);
    const someChat = page.items.find((a) => a.chatIds?.length)?.chatIds?.[0];
    const hint = ctx.isSupervisor ? transcriptHint(someChat, agents, ctx.asTyped) : [];
    const shownStates = STATES.filter((s) => s !== 'unknown' || (counts.get(s) ?? 0) > 0);
    const totals = shownStates.map((s) => `${formatCount(counts.get(s))} ${s}`).join(' · ');
    return {
      title: filter ? `Agents ${filter} — ${source.label}` : `Agents — ${source.label}`,
      summary: agents.length === 0 ? 'No agents reported.' : totals,
      fields: shownStates.map((s) => ({ label: capitalize(s), value: formatCount(counts.get(s)) })),
      table: listed.length
        ? { columns, rows, footnote: page.footnote, kinds: columns.map((_, i) => (showIds && i === columns.length - 1 ? 'id' : undefined)) }
        : undefined,
      sections: agents.length > 0 && listed.length === 0 ? [{ text: `Nobody is ${filter} right now.` }] : hint.length ? hint : undefined,
      buttons: [refreshButton(ctx, '/agents'), ...(page.nextPage ? [nextPageButton(ctx, '/agents', page.nextPage)] : [])],
      context: sourceContext(source, fetched, page.pageCount > 1 ? `page ${page.page} of ${page.pageCount}` : undefined),
      visibility: 'public',
      tone: agents.length > 0 && (counts.get('available') ?? 0) === 0 ? 'warning' : 'normal',
    };
  },
};

/**
 * A chat id to follow to `/transcript`: one in progress on this page, or else (a quiet moment)
 * the chat that finished last, when the vendor tells it.
 */
function transcriptHint(inProgress: string | undefined, agents: readonly AgentStatus[], asTyped: (command: string) => string): Array<{ text: string }> {
  if (inProgress) return [{ text: `Open a chat in progress: ${asTyped(`/transcript ${inProgress}`)}` }];
  const last = lastFinishedChat(agents);
  return last ? [{ text: `Last finished chat: ${asTyped(`/transcript ${last}`)}` }] : [];
}

/** The id of the chat that finished last among these agents, when the vendor tells it. */
export function lastFinishedChat(agents: readonly AgentStatus[]): string | undefined {
  let last: { id: string; endedAt: string } | undefined;
  for (const agent of agents) {
    if (agent.lastChat && (!last || Date.parse(agent.lastChat.endedAt) > Date.parse(last.endedAt))) last = agent.lastChat;
  }
  return last?.id;
}

/** "Away (Lunch)": the normalised state, and the vendor's word when it says more. */
function statusOf(agent: AgentStatus): string {
  const label = agent.stateLabel.trim();
  if (!label || label.toLowerCase() === agent.state) return capitalize(agent.state);
  return `${capitalize(agent.state)} (${label})`;
}

/** "2/3" with a capacity, "2" without. */
function capacityOf(agent: AgentStatus): string {
  if (agent.ongoingChats === undefined) return '—';
  return agent.maxChats ? `${agent.ongoingChats}/${agent.maxChats}` : String(agent.ongoingChats);
}

function byStateThenName(a: AgentStatus, b: AgentStatus): number {
  return STATES.indexOf(a.state) - STATES.indexOf(b.state) || a.name.localeCompare(b.name, undefined, { numeric: true });
}
