import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/reply/render-text.js';
import { summaryReply } from '../../src/watcher/summaries/summary-reply.js';

describe('the daily summary says why figures are old or missing in its language', () => {
  it('Spanish: the stale reason and a vendor without daily figures', () => {
    const reply = summaryReply(
      {
        date: '2026-11-21',
        timeZone: 'America/Bogota',
        at: new Date('2026-11-21T23:00:00Z'),
        sources: [
          {
            sourceId: 'bogota',
            label: 'Bogotá',
            timeZone: 'America/Bogota',
            today: { date: '2026-11-21', chats: 120 },
            partial: false,
            problemSaid: {
              key: 'summary.problem.figuresFrom',
              values: { time: '17:55' },
              reason: { key: 'stale.notAnswering', values: { vendor: 'wolkvox' } },
            },
          },
          {
            sourceId: 'emea',
            label: 'EMEA',
            timeZone: 'Europe/Budapest',
            partial: false,
            problemSaid: { key: 'summary.problem.notAvailable', values: { vendor: 'comm100' } },
          },
        ],
        alerts: { count: 0, critical: 0, acknowledged: 0 },
      } as never,
      'es',
    );
    const text = renderText(reply);
    expect(text).toContain('cifras de las 17:55 (wolkvox no responde)');
    expect(text).toContain('las cifras diarias no están disponibles para comm100');
  });
});
