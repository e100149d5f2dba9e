import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_AGENT_PAGES, createComm100Adapter } from '../../adapters/comm100/adapter.js';
import type { VendorAdapter } from '../../adapters/port.js';
import { startFakeComm100, type FakeComm100 } from '../fakes/fake-comm100.js';
import { failure, oauthAuth, sourceFor } from './setup.js';

let fake: FakeComm100;
let adapter: VendorAdapter | undefined;

beforeEach(async () => {
  fake = await startFakeComm100();
});

afterEach(async () => {
  await adapter?.close?.();
  adapter = undefined;
  await fake.close();
});

function connect(overrides: Record<string, unknown> = {}, now?: () => Date): VendorAdapter {
  adapter = createComm100Adapter(sourceFor(fake, overrides), { now, retryBaseDelayMs: 1 });
  return adapter;
}

describe('the Comm100 adapter', () => {
  it('describes itself: capabilities, zone and one quota key per site', () => {
    const source = connect();
    expect(source.vendor).toBe('comm100');
    expect(source.id).toBe('emea');
    expect(source.timeZone).toBe('America/Bogota');
    expect(source.quotaKey).toBe('comm100:10000');
    expect([...source.capabilities].sort()).toEqual(['agents', 'dayStats', 'queue', 'recentArrivals', 'today', 'transcript']);
  });

  it('reads every page of agents and labels them with their readable status', async () => {
    const agents = await connect().agents!();
    expect(fake.controls.calls('livechat/realTime/Agents')).toBe(3);
    expect(fake.controls.requests.filter((r) => r.route === 'livechat/realTime/Agents').map((r) => r.query.pageIndex)).toEqual(['1', '2', '3']);
    expect(agents.map((a) => [a.name, a.state, a.stateLabel, a.ongoingChats])).toEqual([
      ['srita2 chen', 'available', 'Online', 1],
      ['srita chen 10001', 'available', 'Online', 1],
      ['frank 10001', 'away', 'Away', 0],
      ['1 1', 'away', 'Meeting', 0],
      ['1000 1', 'offline', 'Offline', 0],
    ]);
  });

  it('reads large teams across many pages without losing or repeating an agent', async () => {
    const rows = Array.from({ length: 23 }, (_, i) => ({ agentId: `agent-${i}`, displayName: `Agent ${i}`, currentStatusId: 'guid', ongoingChats: 0 }));
    fake.controls.setAgents(rows);
    fake.controls.setAgentStatuses(rows.map((r) => ({ id: r.agentId, status: 'Online', ongoingChats: 0 })));
    const agents = await connect().agents!();
    expect(fake.controls.calls('livechat/realTime/Agents')).toBe(12);
    expect(new Set(agents.map((a) => a.id)).size).toBe(23);
  });

  it(`stops after ${MAX_AGENT_PAGES} pages so a runaway page count cannot spend the rate limit`, async () => {
    await fake.close();
    fake = await startFakeComm100({ agentsMaxPageSize: 1 });
    fake.controls.setAgents(Array.from({ length: MAX_AGENT_PAGES + 10 }, (_, i) => ({ agentId: `agent-${i}`, displayName: `Agent ${i}` })));
    const agents = await connect().agents!();
    expect(fake.controls.calls('livechat/realTime/Agents')).toBe(MAX_AGENT_PAGES);
    expect(agents).toHaveLength(MAX_AGENT_PAGES);
  });

  it('still lists agents, as unknown with their status GUID, when readable statuses are refused', async () => {
    fake.controls.fail({ kind: 'status', status: 403 }, { path: 'livechat/agents' });
    const agents = await connect().agents!();
    expect(agents).toHaveLength(5);
    expect(agents[0]).toMatchObject({ name: 'srita2 chen', state: 'unknown', stateLabel: '00000000-0000-0000-0000-000000000000' });
  });

  it('shows each department queue with its longest wait and site-wide totals', async () => {
    fake.controls.setQueueWaiting('Sales', 3, { waitSeconds: [30, 95, 12], abandoned: 2, averageWaitSeconds: 40 });
    fake.controls.setQueueWaiting('Support', 1, { waitSeconds: [20], ongoingChats: 4 });
    const snapshot = await connect().queue!();
    expect(snapshot.queues).toEqual([
      { name: 'Sales', waiting: 3, longestWaitSeconds: 95, averageWaitSeconds: 40, abandonedLast30m: 2, ongoingChats: 0 },
      { name: 'Support', waiting: 1, longestWaitSeconds: 20, averageWaitSeconds: 0, abandonedLast30m: 0, ongoingChats: 4 },
    ]);
    // Average wait weighted by the chats behind each department's: (5 x 40 + 5 x 0) / 10.
    expect(snapshot.totals).toEqual({ waiting: 4, longestWaitSeconds: 95, averageWaitSeconds: 20, abandonedLast30m: 2, ongoingChats: 1, agentsOnline: 2 });
  });

  it("asks for today from the operation's local midnight with its UTC offset", async () => {
    // 03:30 UTC on 5 March is still 4 March in Bogotá (UTC-5).
    const stats = await connect({}, () => new Date('2024-03-05T03:30:00Z')).today!();
    const [request] = fake.controls.requests.filter((r) => r.route === 'livechat/realTime/Today');
    expect(request!.query).toMatchObject({ startTime: '2024-03-04T00:00:00', endTime: '2024-03-04T23:59:59', utcOffset: '-300' });
    expect(stats).toMatchObject({ date: '2024-03-04', chats: 0, missed: 0 });
  });

  it('fetches a chat transcript by id', async () => {
    const transcript = await connect().transcript!('8815');
    expect(transcript).toMatchObject({ id: '8815', status: 'completed', agentName: 'Walid', customerName: 'Laura Gómez' });
    expect(transcript!.messages).toHaveLength(6);
    expect(fake.controls.calls('livechat/chats/8815')).toBe(1);
  });

  it('answers null for a chat Comm100 does not have, whether unknown or of the wrong form', async () => {
    const source = connect();
    expect(await source.transcript!('9999')).toBeNull();
    expect(await source.transcript!('abc')).toBeNull();
  });

  it.each(['../agents', '8815?siteId=1', '88 15', '', 'x'.repeat(65), '%2e%2e'])('refuses the chat id %j before calling Comm100', async (id) => {
    const source = connect({ auth: oauthAuth });
    const error = await failure(source.transcript!(id));
    expect(error).toMatchObject({ kind: 'refused', reason: 'bad-request' });
    expect(error.userMessage).toMatch(/not a Comm100 chat id/);
    expect(fake.controls.requests).toHaveLength(0);
  });
});
