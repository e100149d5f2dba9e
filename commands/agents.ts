import type { AgentState, AgentStatus } from '../src/domain/types.js';
import type { CommandDefinition } from '../src/router/types.js';
import { UsageError } from '../src/router/types.js';
import { localized, type Localized } from '../src/i18n/index.js';
import { pageOf } from '../src/reply/paging.js';
import { maskPhones } from '../src/privacy/mask-phone.js';
import { echo } from '../src/router/replies.js';
import { didYouMean } from '../src/util/suggest.js';
import { nextPageButton, pageNote, refreshButton, sourceContext, speech } from './common.js';

/** Order of the list and of the totals: who can take a chat first. */
const STATES: AgentState[] = ['available', 'busy', 'away', 'offline', 'unknown'];
const FILTERS = ['available', 'busy', 'away', 'offline'] as const;
/** `free` is what the answers call an available agent: it filters like `available`. */
const ALIASES: Record<string, AgentState> = { free: 'available' };

/**
 * `/agents [source] [status]`: totals by status, then each agent with ongoing chats and capacity.
 *
 * @example
 *   await agentsCommand.handler(ctx); // "3 available · 5 busy · 1 away · 10 offline"
 */
export const agentsCommand: CommandDefinition = {
  name: 'agents',
  summary: localized('en').t('command.agents.summary'),
  usage: '/agents [source] [available|busy|away|offline]',
  examples: ({ sources }) => ['/agents', '/agents busy', ...(sources.length ? [`/agents ${sources[1] ?? sources[0]} available`] : [])],
  access: 'everyone',
  async handler(ctx) {
    const said = speech(ctx);
    const { t, fmt } = said;
    let filter: AgentState | undefined;
    for (const arg of ctx.args) {
      const lower = arg.toLowerCase();
      const word = ALIASES[lower] ?? lower;
      if (filter === undefined && (FILTERS as readonly string[]).includes(word)) filter = word as AgentState;
      else if (filter !== undefined && (FILTERS as readonly string[]).includes(word)) throw new UsageError(t('agents.oneStatus'));
      else {
        const ids = ctx.sources.all().map((s) => s.id);
        const hint = didYouMean(arg, [...FILTERS, ...ids], '', t);
        if (ids.length > 1) throw new UsageError(t('agents.neither', { arg: echo(arg), statuses: FILTERS.join(', '), ids: ids.join(', '), hint }));
        throw new UsageError(t('agents.notAStatus', { arg: echo(arg), hint }));
      }
    }
    const source = ctx.sources.primary();
    const fetched = await source.agents();
    const agents = fetched.value;
    const counts = new Map<AgentState, number>(STATES.map((s) => [s, 0]));
    for (const agent of agents) counts.set(agent.state, (counts.get(agent.state) ?? 0) + 1);

    const listed = agents.filter((a) => filter === undefined || a.state === filter).sort(byStateThenName);
    const page = pageOf(listed, ctx.page, undefined, t);
    const now = ctx.now();
    const showCapacity = listed.some((a) => a.ongoingChats !== undefined);
    const showSince = listed.some((a) => a.since !== undefined);
    const showToday = listed.some((a) => a.chatsToday !== undefined);
    const showIds = page.items.some((a) => a.chatIds?.length);
    const columns = [
      t('agents.col.agent'),
      t('agents.col.status'),
      ...(showCapacity ? [t('agents.col.chats')] : []),
      ...(showSince ? [t('agents.col.for')] : []),
      ...(showToday ? [t('agents.col.today')] : []),
      ...(showIds ? [t('agents.col.chatIds')] : []),
    ];
    const rows = page.items.map((a) => [
      maskPhones(a.name),
      statusOf(a, said),
      ...(showCapacity ? [capacityOf(a)] : []),
      ...(showSince ? [a.since ? fmt.duration((now.getTime() - Date.parse(a.since)) / 1000) : '—'] : []),
      ...(showToday ? [fmt.count(a.chatsToday)] : []),
      ...(showIds ? [a.chatIds?.join(' ') ?? ''] : []),
    ]);
    const someChat = page.items.find((a) => a.chatIds?.length)?.chatIds?.[0];
    const hint = ctx.isSupervisor ? transcriptHint(someChat, agents, ctx.asTyped, said) : [];
    const shownStates = STATES.filter((s) => s !== 'unknown' || (counts.get(s) ?? 0) > 0);
    const totals = shownStates.map((s) => t(`agents.total.${s}`, { count: counts.get(s) ?? 0, value: fmt.count(counts.get(s)) })).join(' · ');
    return {
      title: filter ? t('agents.titleFiltered', { status: t(`agents.state.${filter}`), source: source.label }) : t('agents.title', { source: source.label }),
      summary: agents.length === 0 ? t('agents.none') : totals,
      fields: shownStates.map((s) => ({ label: t(`agents.state.${s}`), value: fmt.count(counts.get(s)) })),
      table: listed.length
        ? { columns, rows, footnote: page.footnote, kinds: columns.map((_, i) => (showIds && i === columns.length - 1 ? 'id' : undefined)) }
        : undefined,
      sections: agents.length > 0 && listed.length === 0 && filter ? [{ text: t(`agents.nobody.${filter}`) }] : hint.length ? hint : undefined,
      buttons: [refreshButton(ctx, '/agents'), ...(page.nextPage ? [nextPageButton(ctx, '/agents', page.nextPage)] : [])],
      context: sourceContext(source, fetched, pageNote(page, t), t),
      visibility: 'public',
      tone: agents.length > 0 && (counts.get('available') ?? 0) === 0 ? 'warning' : 'normal',
    };
  },
};

/**
 * A chat id to follow to `/transcript`: one in progress on this page, or else (a quiet moment)
 * the chat that finished last, when the vendor tells it.
 */
function transcriptHint(
  inProgress: string | undefined,
  agents: readonly AgentStatus[],
  asTyped: (command: string) => string,
  { t }: Localized,
): Array<{ text: string }> {
  if (inProgress) return [{ text: t('agents.openChat', { command: asTyped(`/transcript ${inProgress}`) }) }];
  const last = lastFinishedChat(agents);
  return last ? [{ text: t('agents.lastChat', { command: asTyped(`/transcript ${last}`) }) }] : [];
}

/** The id of the chat that finished last among these agents, when the vendor tells it. */
export function lastFinishedChat(agents: readonly AgentStatus[]): string | undefined {
  let last: { id: string; endedAt: string } | undefined;
  for (const agent of agents) {
    if (agent.lastChat && (!last || Date.parse(agent.lastChat.endedAt) > Date.parse(last.endedAt))) last = agent.lastChat;
  }
  return last?.id;
}

/** "Away (Lunch)": the normalised state in the asker's words, and the vendor's word when it says more. */
function statusOf(agent: AgentStatus, { t }: Localized): string {
  const label = agent.stateLabel.trim();
  const state = t(`agents.state.${agent.state}`);
  if (!label || label.toLowerCase() === agent.state || label.toLowerCase() === state.toLowerCase()) return state;
  return `${state} (${label})`;
}

/** "2/3" with a capacity, "2" without. */
function capacityOf(agent: AgentStatus): string {
  if (agent.ongoingChats === undefined) return '—';
  return agent.maxChats ? `${agent.ongoingChats}/${agent.maxChats}` : String(agent.ongoingChats);
}

function byStateThenName(a: AgentStatus, b: AgentStatus): number {
  return STATES.indexOf(a.state) - STATES.indexOf(b.state) || a.name.localeCompare(b.name, undefined, { numeric: true });
}
