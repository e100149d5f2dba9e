import { describe, expect, it } from 'vitest';
import { createConsolePlatform } from '../../src/platforms/console/console-platform.js';
import { alertReply } from '../../src/watcher/post/alert-replies.js';
import type { AlertRecord } from '../../src/watcher/model/types.js';

// 19:02 UTC is 14:02 in Bogotá and 04:02 the next day in Tokyo: whatever zone runs the test, the
// header must read the source's clock, the one the body uses.
const AT = new Date('2026-11-21T19:02:00Z');

const alert: AlertRecord = {
  id: 'queue-long:1',
  ruleId: 'queue-long',
  source: 'bogota',
  sourceLabel: 'Bogotá',
  timeZone: 'America/Bogota',
  metric: 'queue.waiting',
  severity: 'warning',
  direction: 'above',
  threshold: 8,
  hysteresis: 0,
  channels: ['console'],
  value: 12,
  peak: 12,
  since: AT.toISOString(),
  firedAt: AT.toISOString(),
  posted: true,
};

describe('alerts in the terminal', () => {
  it('head the alert with the source’s clock, 24-hour, the same clock as the body', async () => {
    const printed: string[] = [];
    const platform = createConsolePlatform((text) => printed.push(text), { now: () => AT });
    await platform.post('console', alertReply(alert));
    const [header, ...body] = printed.join('').trim().split('\n');
    expect(header).toBe('── 14:02:00 America/Bogota [console:1]');
    expect(body.join('\n')).toContain('since 14:02');
  });

  it('head an update the same way, in another source’s zone', async () => {
    const printed: string[] = [];
    const platform = createConsolePlatform((text) => printed.push(text), { now: () => AT });
    await platform.update('console:7', alertReply({ ...alert, timeZone: 'Asia/Tokyo', resolvedAt: AT.toISOString() }));
    expect(printed.join('').trim().split('\n')[0]).toBe('── 04:02:00 Asia/Tokyo [console:7 updated]');
  });
});
