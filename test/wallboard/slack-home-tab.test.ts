import { afterEach, describe, expect, it } from 'vitest';
import { homeBlocks, MAX_HOME_BLOCKS } from '../../src/platforms/slack/home-tab.js';
import type { FloorBoard } from '../../src/domain/floor.js';
import { createMemoryFloorBus } from '../../src/wallboard/floor-bus.js';
import { FAKE_TEAM_ID, signSlackRequest } from '../fakes/fake-slack.js';
import { SECRET, startHarness, type Harness } from '../slack/harness.js';
import { demoRouter } from '../support/router-kit.js';

const LINK = 'https://bot.example.com/wallboard?s=emea&k=desk&exp=1&g=0&sig=x';

function board(waiting: number, queues = 1, name = 'Sales'): FloorBoard {
  return {
    source: 'emea',
    label: 'EMEA',
    vendor: 'demo',
    timeZone: 'Europe/Madrid',
    polledAt: new Date().toISOString(),
    dataAsOf: new Date().toISOString(),
    publishedAt: Date.now(),
    ok: true,
    tiles: Array.from({ length: queues }, (_, i) => ({
      name: i === 0 ? name : `Queue ${i}`,
      figures: { waiting, longestWaitSeconds: 95 },
      targets: [
        { metric: 'queue.waiting', label: 'Chats waiting', direction: 'above' as const, threshold: 5, severity: 'warning' as const, breaching: waiting > 5 },
      ],
      status: waiting > 5 ? ('warning' as const) : ('ok' as const),
      trend: [],
    })),
    alerts: waiting > 5 ? [{ kind: 'alert', severity: 'warning', text: `Chats waiting · Sales: ${waiting} (above 5)`, since: new Date().toISOString() }] : [],
  };
}

function homeOpened(user: string): string {
  return JSON.stringify({
    token: 'verification-token',
    team_id: FAKE_TEAM_ID,
    api_app_id: 'A0APP',
    type: 'event_callback',
    event_id: `Ev${user}${Date.now()}`,
    event_time: Math.floor(Date.now() / 1000),
    event: { type: 'app_home_opened', user, channel: 'D0HOME', tab: 'home', event_ts: `${Date.now() / 1000}` },
  });
}

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const textOf = (value: unknown) => JSON.stringify(value);

describe('the Slack Home tab', () => {
  it('publishes the live floor when a user opens it, with a button to the wallboard, and refreshes on change at most once per interval', async () => {
    const bus = createMemoryFloorBus();
    await bus.publish(board(3));
    const { router } = demoRouter();
    h = await startHarness({ router, home: { floor: bus, sources: ['emea'], link: async () => LINK, refreshMs: 1_000 } });
    const signed = (body: string) => h!.post(body, { ...signSlackRequest(SECRET, body), 'content-type': 'application/json' });
    // Taken before the first publish can begin: the interval runs from that publish on.
    const opened = Date.now();
    expect((await signed(homeOpened('U0HOME1'))).status).toBe(200);
    const first = await h.fake.waitForCall((c) => c.method === 'views.publish');
    expect(first.body.user_id).toBe('U0HOME1');
    const view = first.body.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    expect(textOf(view.blocks)).toContain('Sales');
    expect(textOf(view.blocks)).toContain(`"url":"${LINK}"`);
    expect(textOf(view.blocks)).toContain('OK');

    // Three changes in quick succession: one publish when the interval is up, with the last figures.
    for (const waiting of [7, 8, 9]) await bus.publish(board(waiting));
    const second = await h.fake.waitForCall((c) => c.method === 'views.publish' && c !== first);
    // From before the first publish began (the fake's arrival time of the first call comes later
    // than the start of its interval, so it cannot be the reference); timers are ms-coarse.
    expect(second.at - opened).toBeGreaterThanOrEqual(990);
    expect(textOf(second.body.view)).toContain('Waiting* 9');
    expect(textOf(second.body.view)).toContain('Warning');
    expect(h.fake.callsTo('views.publish')).toHaveLength(2);
  });

  it('keeps to Slack’s 100 blocks however many queues, saying what was left out, and shows vendor text as text', () => {
    const blocks = homeBlocks([board(3, 300, '<!here> *Sales* https://evil.example/x')], LINK, new Date());
    expect(blocks.length).toBeLessThanOrEqual(MAX_HOME_BLOCKS);
    expect(textOf(blocks.at(-1))).toContain('more blocks');
    expect(textOf(blocks)).not.toContain('<!here>');
    expect(textOf(blocks)).not.toContain('https://evil.example');
  });
});
