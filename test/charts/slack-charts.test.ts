import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformWithCharts } from '../../src/charts/attach-charts.js';
import { renderChartPng, warmUpCharts } from '../../src/charts/render-chart.js';
import { silentLogger } from '../../src/log/logger.js';
import { attachSlackChart } from '../../src/platforms/slack/chart-upload.js';
import { SlackPlatform } from '../../src/platforms/slack/post.js';
import { startHarness, BOT_TOKEN, type Harness } from '../slack/harness.js';
import { slashCommandBody } from '../fakes/slack-payloads.js';
import { expectWithinSlackLimits } from '../slack/limits.js';
import type { SummaryFigures } from '../../src/watcher/summaries/summary-figures.js';
import { summaryReply } from '../../src/watcher/summaries/summary-reply.js';
import { BUSY_HOUR, demoWithHistory, pngSize } from './demo-with-history.js';

let h: Harness;
let demo: Awaited<ReturnType<typeof demoWithHistory>>;
beforeAll(async () => {
  // The app loads the renderer at start (warmUpCharts); the first chart here should not pay for it either.
  await warmUpCharts();
  demo = await demoWithHistory();
  h = await startHarness({ router: demo.router, renderChart: renderChartPng }, { channels: ['C0OPS'] });
});
afterAll(async () => {
  await h.close();
  await demo.close();
});

let seq = 0;
async function ask(command: string, text = '') {
  const id = `chart${++seq}`;
  const res = await h.post(slashCommandBody({ command, text, user_id: 'U0SUP', response_url: h.fake.responseUrl(id) }));
  expect(res.status).toBe(200);
  if (!String(res.json?.text).startsWith('Looking…')) return res.json!;
  return (await h.fake.waitForResponse((r) => r.id === id && !String(r.body.text).startsWith('Looking…'))).body;
}

const imageBlocks = (message: Record<string, unknown>) => ((message.blocks ?? []) as Array<Record<string, any>>).filter((b) => b.type === 'image');

describe('charts on Slack', () => {
  it('/queue carries its chart as a PNG uploaded through files.getUploadURLExternal and completeUploadExternal', async () => {
    const answer = await ask('/queue');
    expectWithinSlackLimits(answer);
    const [image] = imageBlocks(answer);
    expect(image?.slack_file?.id).toMatch(/^F/);
    expect(image?.alt_text).toMatch(/^Waiting \d+ → \d+/);
    const upload = h.fake.uploads.get(image!.slack_file.id)!;
    expect(upload.completed).toBe(true);
    expect(upload.title).toBe('Demo contact center: waiting and longest wait, last 2 hours');
    // Uploaded without a channel: the file is the bot's, shown only where the message is.
    expect(upload.channelId).toBeUndefined();
    expect(pngSize(upload.bytes!)).toEqual({ width: 1600, height: 800 });
    expect(h.fake.callsTo('files.getUploadURLExternal').at(-1)!.body.length).toBe(String(upload.bytes!.length));
  });

  it('answers without the picture when Slack refuses the upload, and uploads it at the next ask', async () => {
    // A Slack app of its own: nothing uploaded yet.
    const refusing = await startHarness({ router: demo.router, renderChart: renderChartPng }, { channels: ['C0OPS'] });
    try {
      refusing.fake.failNext(1, { kind: 'error', error: 'not_allowed_token_type' }, 'files.getUploadURLExternal');
      const askThere = async (id: string) => {
        const res = await refusing.post(slashCommandBody({ command: '/queue', text: '', user_id: 'U0SUP', response_url: refusing.fake.responseUrl(id) }));
        if (!String(res.json?.text).startsWith('Looking…')) return res.json!;
        return (await refusing.fake.waitForResponse((r) => r.id === id && !String(r.body.text).startsWith('Looking…'))).body;
      };
      const refused = await askThere('refused');
      expect(imageBlocks(refused)).toEqual([]);
      expect(JSON.stringify(refused)).toContain('Last hour');
      // A refusal is not remembered: the same chart asked again is uploaded.
      const [image] = imageBlocks(await askThere('again'));
      expect(refusing.fake.uploads.get(image!.slack_file.id)?.completed).toBe(true);
    } finally {
      await refusing.close();
    }
  });

  it('many supervisors asking /queue at once get one upload of the same chart', async () => {
    const before = h.fake.callsTo('files.getUploadURLExternal').length;
    const answers = await Promise.all(Array.from({ length: 8 }, () => ask('/queue')));
    const ids = new Set(answers.map((a) => imageBlocks(a)[0]?.slack_file?.id));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/^F/);
    expect(h.fake.callsTo('files.getUploadURLExternal').length - before).toBeLessThanOrEqual(1);
  });

  it('posts for the watcher (alerts, summaries) carry the chart too', async () => {
    const client = new webApi.WebClient(BOT_TOKEN, { slackApiUrl: h.fake.apiUrl, retryConfig: { retries: 0 } });
    const platform = platformWithCharts(new SlackPlatform(client), attachSlackChart(client, renderChartPng, silentLogger()));
    const reply = await demo.router.handle({ text: '/queue', asker: { platform: 'console', userId: 'console' }, venue: 'console' });
    await platform.post('slack:C0OPS', reply);
    const posted = h.fake.callsTo('chat.postMessage').at(-1)!.body;
    const [image] = imageBlocks(posted);
    expect(h.fake.uploads.get(image!.slack_file.id)?.completed).toBe(true);
  });

  it('the daily summary carries chats per hour against last week, with the day’s alerts, as an uploaded PNG', async () => {
    const client = new webApi.WebClient(BOT_TOKEN, { slackApiUrl: h.fake.apiUrl, retryConfig: { retries: 0 } });
    const platform = platformWithCharts(new SlackPlatform(client), attachSlackChart(client, renderChartPng, silentLogger()));
    const today = await demo.adapter.dayStats('2026-11-17');
    const lastWeek = await demo.adapter.dayStats('2026-11-10');
    const firedAt = Date.parse('2026-11-17T10:42:00-05:00');
    const figures: SummaryFigures = {
      date: '2026-11-17',
      timeZone: 'America/Bogota',
      at: BUSY_HOUR,
      sources: [{ sourceId: 'demo', label: 'Demo contact center', timeZone: 'America/Bogota', today, lastWeek, partial: true }],
      alerts: { count: 1, critical: 0, acknowledged: 0, fired: [{ at: firedAt, ruleId: 'queue-long', severity: 'warning' }] },
    };
    const reply = summaryReply(figures);
    const chart = reply.chart!;
    expect(chart.series.map((s) => s.name)).toEqual(['Chats today', 'Same day last week']);
    // 00:00 to 11:00 today (12 hours begun by 11:30), the whole day last week.
    expect(chart.series[0]!.points.map(([, n]) => n)).toEqual(today.chatsByHour!.slice(0, 12));
    expect(chart.series[1]!.points.map(([, n]) => n)).toEqual(lastWeek.chatsByHour);
    expect(chart.markers).toEqual([{ at: firedAt, label: 'queue-long', tone: 'warning' }]);

    await platform.post('slack:C0OPS', reply);
    const [image] = imageBlocks(h.fake.callsTo('chat.postMessage').at(-1)!.body);
    const upload = h.fake.uploads.get(image!.slack_file.id)!;
    expect(upload.completed).toBe(true);
    expect(upload.title).toBe('Demo contact center: chats per hour, Tue 17 Nov');
    expect(pngSize(upload.bytes!)).toEqual({ width: 1600, height: 800 });
  });
});
