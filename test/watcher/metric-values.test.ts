import { describe, expect, it } from 'vitest';
import type { ActiveChat, AgentStatus, QueueSnapshot } from '../../src/domain/types.js';
import { agentsMetric, queueMetric, unansweredChats } from '../../src/watcher/poll/metric-values.js';

const now = new Date('2026-11-23T14:00:00.000Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();

function chat(id: string, fields: Partial<ActiveChat>): ActiveChat {
  return { id, messages: [], ...fields };
}

describe('metric readings', () => {
  it('counts as unanswered only chats whose customer wrote last, longer ago than the rule allows', () => {
    const chats = [
      chat('waiting-7m', { lastCustomerMessageAt: minutesAgo(7), lastSender: 'customer' }),
      chat('waiting-2m', { lastCustomerMessageAt: minutesAgo(2), lastSender: 'customer' }),
      chat('answered', { lastCustomerMessageAt: minutesAgo(9), lastSender: 'agent' }),
      chat('bot-answered', { lastCustomerMessageAt: minutesAgo(9), lastMessageAt: minutesAgo(8) }),
      chat('sender-unknown', { lastCustomerMessageAt: minutesAgo(9), lastMessageAt: minutesAgo(9) }),
      chat('no-customer-time', { lastSender: 'customer' }),
    ];
    expect(unansweredChats(chats, 5 * 60_000, now)).toBe(2);
    expect(unansweredChats(chats, 60_000, now)).toBe(3);
  });

  it('reads queue figures for the whole source or for one queue by name, any case', () => {
    const snapshot: QueueSnapshot = {
      queues: [
        { name: 'Sales', waiting: 4, longestWaitSeconds: 95 },
        { name: 'Support', waiting: 1, longestWaitSeconds: 30 },
      ],
      totals: { waiting: 5 },
    };
    expect(queueMetric(snapshot, 'queue.waiting')).toBe(5);
    expect(queueMetric(snapshot, 'queue.longest_wait_seconds')).toBe(95);
    expect(queueMetric(snapshot, 'queue.longest_wait_seconds', 'support')).toBe(30);
    // A queue the vendor left out has nobody waiting, but its wait is unknown.
    expect(queueMetric(snapshot, 'queue.waiting', 'VIP')).toBe(0);
    expect(queueMetric(snapshot, 'queue.longest_wait_seconds', 'VIP')).toBeUndefined();
    expect(queueMetric(snapshot, 'queue.avg_wait_seconds')).toBeUndefined();
  });

  it('counts agents online and available, and utilization from chat capacity when every working agent has one', () => {
    const agent = (id: string, state: AgentStatus['state'], ongoingChats?: number, maxChats?: number): AgentStatus => ({
      id,
      name: id,
      state,
      stateLabel: state,
      ongoingChats,
      maxChats,
    });
    const withCapacity = [agent('a', 'available', 1, 4), agent('b', 'busy', 4, 4), agent('c', 'away'), agent('d', 'offline')];
    expect(agentsMetric(withCapacity, 'agents.online')).toBe(3);
    expect(agentsMetric(withCapacity, 'agents.available')).toBe(1);
    expect(agentsMetric(withCapacity, 'agents.utilization')).toBeCloseTo(5 / 8);
    const withoutCapacity = [agent('a', 'available'), agent('b', 'busy'), agent('c', 'busy')];
    expect(agentsMetric(withoutCapacity, 'agents.utilization')).toBeCloseTo(2 / 3);
    expect(agentsMetric([agent('d', 'offline')], 'agents.utilization')).toBeUndefined();
  });
});
