import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapToday } from '../../adapters/comm100/day-stats.js';
import { indexStatuses, mapAgents, mapQueue, parseComm100Duration, stateFromReadableStatus } from '../../adapters/comm100/mapping.js';
import { comm100Instant, mapChat } from '../../adapters/comm100/transcript.js';
import { agentStatusesSchema, chatSchema, queueSchema, realTimeAgentsPageSchema, rightNowSchema, todaySchema } from '../../adapters/comm100/wire.js';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../fixtures/comm100/${name}`, import.meta.url), 'utf8'));

describe('Comm100 durations', () => {
  it('reads TimeSpan texts as seconds rounded to the millisecond', () => {
    expect(parseComm100Duration('06:53:57.0500000')).toBe(24837.05);
    expect(parseComm100Duration('00:20:38.2649999')).toBe(1238.265);
    expect(parseComm100Duration('00:00:00')).toBe(0);
    expect(parseComm100Duration('1.02:03:04')).toBe(93784);
  });

  it('gives up on text that is not a duration instead of inventing a number', () => {
    expect(parseComm100Duration('soon')).toBeUndefined();
    expect(parseComm100Duration('')).toBeUndefined();
    expect(parseComm100Duration(null)).toBeUndefined();
  });
});

describe('the documented realTime/Agents example', () => {
  const page = realTimeAgentsPageSchema.parse(fixture('realtime-agents-page.json'));

  it('parses with its paging envelope', () => {
    expect(page).toMatchObject({ total: 32, pageCount: 7, pageIndex: 1, pageSize: 5 });
    expect(page.list).toHaveLength(5);
    expect(page.list.map((a) => parseComm100Duration(a.intradayLinearChatTime))).toEqual([24837.05, 1238.265, 0, 0, 0]);
  });

  it('shows every agent as unknown with the status GUID when readable statuses are missing', () => {
    const agents = mapAgents(page.list);
    expect(agents.map((a) => a.name)).toEqual(['srita2 chen', 'srita chen 10001', 'frank 10001', '1 1', '1000 1']);
    expect(agents[0]).toEqual({
      id: '51f36e1a-d521-43bf-a0a8-20cbade284e4',
      name: 'srita2 chen',
      state: 'unknown',
      stateLabel: '00000000-0000-0000-0000-000000000000',
      ongoingChats: 1,
      maxChats: 0,
      chatsToday: 0,
    });
    expect(agents[2]).toMatchObject({ state: 'unknown', stateLabel: '00000000-0000-0000-0000-000000000002', ongoingChats: 0 });
  });

  it('uses the readable status of livechat/agents when it has the agent', () => {
    const readable = indexStatuses([
      { id: '51F36E1A-D521-43BF-A0A8-20CBADE284E4', status: 'Online', ongoingChats: 1 },
      { id: '74ed2bc3-a41f-4dc8-9ae0-f562ebea5943', status: 'Meeting', ongoingChats: 0 },
      { id: 'ed22fff9-5000-4430-8a32-efb530c9f049', status: 'Offline', ongoingChats: 0 },
    ]);
    const agents = mapAgents(page.list, readable);
    expect(agents.map((a) => [a.name, a.state, a.stateLabel])).toEqual([
      ['srita2 chen', 'available', 'Online'],
      ['srita chen 10001', 'unknown', '00000000-0000-0000-0000-000000000000'],
      ['frank 10001', 'away', 'Meeting'],
      ['1 1', 'unknown', '00000000-0000-0000-0000-000000000002'],
      ['1000 1', 'offline', 'Offline'],
    ]);
  });
});

describe('the documented livechat/agents example', () => {
  it('gives the readable status of its agent', () => {
    const statuses = agentStatusesSchema.parse(fixture('livechat-agents.json'));
    expect(statuses).toEqual([{ id: 'c97a2afe-a38f-46f8-a55b-8ac9f873cd09', status: 'Online', ongoingChats: 0 }]);
    const [agent] = mapAgents([{ agentId: 'c97a2afe-a38f-46f8-a55b-8ac9f873cd09', displayName: 'Ana', currentStatusId: 'x' }], indexStatuses(statuses));
    expect(agent).toMatchObject({ name: 'Ana', state: 'available', stateLabel: 'Online', ongoingChats: 0 });
  });

  it('reads online agents at their chat limit as busy and custom away statuses as away', () => {
    expect(stateFromReadableStatus('Online', 3, 3)).toBe('busy');
    expect(stateFromReadableStatus('Online', 3, 0)).toBe('available');
    expect(stateFromReadableStatus('Away')).toBe('away');
    expect(stateFromReadableStatus('Lunch')).toBe('away');
    expect(stateFromReadableStatus('Offline')).toBe('offline');
  });
});

describe('the documented realTime/Queue and RightNow examples', () => {
  const queue = queueSchema.parse(fixture('realtime-queue.json'));
  const rightNow = rightNowSchema.parse(fixture('realtime-right-now.json'));

  it('make a snapshot with one queue named after its department and site-wide totals', () => {
    expect(mapQueue(queue, rightNow)).toEqual({
      queues: [{ name: 'string', waiting: 0, longestWaitSeconds: 0, averageWaitSeconds: 0, abandonedLast30m: 0, ongoingChats: 0 }],
      totals: { waiting: 0, longestWaitSeconds: 0, averageWaitSeconds: 0, abandonedLast30m: 0, ongoingChats: 1, agentsOnline: 2 },
      averageWaitOver: 'last30m',
    });
  });

  it("drop the routed agent's API key that the example carries", () => {
    expect(JSON.stringify(fixture('realtime-queue.json'))).toContain('apiKey');
    expect(JSON.stringify(queue)).not.toContain('apiKey');
  });

  it('take the longest wait from the waiting visitors and name agent-routed queues after the agent', () => {
    const snapshot = mapQueue([
      {
        routeToDepartment: { name: 'Sales' },
        currentQueueLength: 2,
        avgWaitTimeinLast30Mins: '00:01:10',
        visitors: [{ waitTime: '00:00:40' }, { waitTime: '00:02:05.5000000' }],
      },
      { routeToAgent: { displayName: 'Walid' }, currentQueueLength: 1, visitors: [{ waitTime: '00:00:10' }] },
    ]);
    expect(snapshot.queues).toEqual([
      { name: 'Sales', waiting: 2, longestWaitSeconds: 125.5, averageWaitSeconds: 70 },
      { name: 'Agent Walid', waiting: 1, longestWaitSeconds: 10 },
    ]);
    expect(snapshot.totals).toEqual({ waiting: 3, longestWaitSeconds: 125.5 });
  });
});

describe('both spellings and both types the vendor documents', () => {
  it('reads onGoingChats as ongoingChats and numbers written as strings', () => {
    const page = realTimeAgentsPageSchema.parse({
      total: '1',
      list: [{ agentId: 'a1', displayName: 'Ana', currentStatusId: 'x', onGoingChats: '2', maxConcurrentChats: '3', intradayChats: '14' }],
    });
    expect(mapAgents(page.list)).toEqual([{ id: 'a1', name: 'Ana', state: 'unknown', stateLabel: 'x', ongoingChats: 2, maxChats: 3, chatsToday: 14 }]);
    const rightNow = rightNowSchema.parse({ onGoingChats: 4, onGoingChatsWithBot: '1', currentQueueLength: '2', loggedInAgents: '' });
    expect(rightNow).toMatchObject({ ongoingChats: 4, ongoingChatsWithBot: 1, currentQueueLength: 2, loggedInAgents: null });
    const queue = queueSchema.parse([
      {
        routeToDepartment: { name: 'Sales' },
        onGoingChats: '3',
        currentQueueLength: '1',
        abandonedChatsinLast30Mins: '0',
        avgWaitTimeinLast30Mins: '00:00:30',
      },
    ]);
    expect(mapQueue(queue).queues).toEqual([{ name: 'Sales', waiting: 1, averageWaitSeconds: 30, abandonedLast30m: 0, ongoingChats: 3 }]);
  });

  it('prefers ongoingChats when both spellings are sent', () => {
    expect(agentStatusesSchema.parse([{ id: 'a', status: 'Online', ongoingChats: 1, onGoingChats: 5 }])[0]!.ongoingChats).toBe(1);
  });
});

describe('the documented realTime/Today example', () => {
  it('becomes the day figures of the given local date', () => {
    const today = todaySchema.parse(fixture('realtime-today.json'));
    expect(mapToday(today, '2022-07-05')).toEqual({
      date: '2022-07-05',
      chats: 0,
      missed: 0,
      abandoned: 0,
      averageWaitSeconds: 0,
      averageChatSeconds: 0,
      transfers: 0,
    });
    expect(mapToday({ totalChats: 41, missedChats: 3, abandondedChats: 5, avgWaitingTime: 12.5 }, '2024-03-05')).toEqual({
      date: '2024-03-05',
      chats: 41,
      missed: 3,
      abandoned: 5,
      averageWaitSeconds: 12.5,
    });
  });
});

describe('a chat from livechat/chats/{id}', () => {
  it('becomes a transcript with customer, bot, agent and system messages', () => {
    const transcript = mapChat(chatSchema.parse(fixture('chat.json')));
    expect(transcript).toMatchObject({
      id: '8815',
      active: false,
      status: 'completed',
      startedAt: '2024-03-05T14:02:10.000Z',
      endedAt: '2024-03-05T14:09:40.000Z',
      waitSeconds: 45,
      durationSeconds: 450,
      customerName: 'Laura Gómez',
      customerPhone: '+57 300 555 0199',
      agentName: 'Walid',
    });
    expect(transcript.messages.map((m) => [m.role, m.name, m.text])).toEqual([
      ['bot', 'Comm100 Bot', 'Hi! How can I help you today?'],
      ['customer', 'Laura Gómez', 'I want to talk to a person'],
      ['system', undefined, 'Agent Walid has joined the chat.'],
      ['agent', 'Walid', 'Hello Laura, how may I help you?'],
      ['customer', 'Laura Gómez', 'My invoice is wrong, here it is'],
      ['agent', 'Walid', 'Thanks, I have corrected it.'],
    ]);
    expect(transcript.messages[1]!.at).toBe('2024-03-05T14:01:40.000Z');
    expect(transcript.messages[4]!.attachments).toEqual([{ url: 'https://files.example.com/invoice.pdf', type: 'application/pdf', name: 'invoice.pdf' }]);
  });

  it("counts the chatbot's messages as the bot's: first response is the agent's, the handoff is timed from the bot", () => {
    const transcript = mapChat(chatSchema.parse(fixture('chat.json')));
    // Laura wrote at 14:01:40, Walid first answered at 14:02:22; the bot last spoke at 14:01:25.
    expect(transcript).toMatchObject({ firstResponseSeconds: 42, secondsWithBot: 0, secondsToAgent: 57 });
  });

  it("reads the earlier API design's message shape: type, senderName, sentTime, content, attachmentUrl", () => {
    const transcript = mapChat(
      chatSchema.parse({
        id: 11,
        messages: [
          { type: 'chatbot', senderName: 'Bot', sentTime: '2024-03-05T14:00:00Z', content: 'Hi, I am the bot' },
          { type: 'visitor', senderName: 'Ana', sentTime: '2024-03-05T14:00:10Z', content: 'Agent please', attachmentUrl: 'https://files.example.com/a.png' },
          { type: 'system', sentTime: '2024-03-05T14:00:20Z', content: 'Transferring' },
          { type: 'note', senderName: 'Walid', sentTime: '2024-03-05T14:00:25Z', content: 'VIP customer' },
          { type: 'agent', senderName: 'Walid', sentTime: '2024-03-05T14:01:10Z', content: 'Hello Ana' },
        ],
      }),
    );
    expect(transcript.messages.map((m) => [m.role, m.name, m.text])).toEqual([
      ['bot', 'Bot', 'Hi, I am the bot'],
      ['customer', 'Ana', 'Agent please'],
      ['system', undefined, 'Transferring'],
      ['system', 'Walid', 'VIP customer'],
      ['agent', 'Walid', 'Hello Ana'],
    ]);
    expect(transcript.messages[1]!).toMatchObject({ at: '2024-03-05T14:00:10.000Z', attachments: [{ url: 'https://files.example.com/a.png' }] });
    expect(transcript).toMatchObject({ agentName: 'Walid', customerName: 'Ana', firstResponseSeconds: 60, secondsWithBot: 0, secondsToAgent: 70 });
  });

  it('reads a missed chat without messages and takes its duration from start and end', () => {
    const transcript = mapChat(chatSchema.parse(fixture('chat-missed.json')));
    expect(transcript).toEqual({
      id: '8816',
      active: false,
      status: 'missed',
      startedAt: '2024-03-05T15:00:00.000Z',
      endedAt: '2024-03-05T15:03:00.000Z',
      waitSeconds: 180,
      durationSeconds: 180,
      customerName: 'Pedro',
      messages: [],
    });
  });

  it('treats a chat without an end time as still in progress and keeps unknown statuses as written', () => {
    const transcript = mapChat(chatSchema.parse({ id: 7, startTime: '2024-03-05T15:00:00Z', status: 'switchedToMessage', messages: [] }));
    expect(transcript).toMatchObject({ active: true, status: 'switched to message' });
    expect(mapChat(chatSchema.parse({ id: 8, status: 'archived' })).status).toBe('archived');
    expect(mapChat(chatSchema.parse({ id: 9, status: 1 })).status).toBe('refused');
  });

  it('splits a transcript given as one text into lines by speaker', () => {
    const transcript = mapChat(
      chatSchema.parse({
        id: 10,
        preChatName: 'testName',
        messages: 'Agent Walid has joined the chat.⊙[03:30:01] Walid: How may I help you?⊙[03:30:20] testName: My order⊙The chat is ended.(03:36:59)⊙',
      }),
    );
    expect(transcript.messages.map((m) => [m.role, m.name, m.text])).toEqual([
      ['system', undefined, 'Agent Walid has joined the chat.'],
      ['agent', 'Walid', 'How may I help you?'],
      ['customer', 'testName', 'My order'],
      ['system', undefined, 'The chat is ended.(03:36:59)'],
    ]);
    expect(transcript.agentName).toBe('Walid');
  });

  it('reads times with an offset as written, without one as UTC, and .NET dates', () => {
    expect(comm100Instant('2024-03-05T09:00:00-05:00')).toBe('2024-03-05T14:00:00.000Z');
    expect(comm100Instant('2024-03-05 14:00:00')).toBe('2024-03-05T14:00:00.000Z');
    expect(comm100Instant('/Date(1584423203253)/')).toBe('2020-03-17T05:33:23.253Z');
    expect(comm100Instant('not a date')).toBeUndefined();
  });
});
