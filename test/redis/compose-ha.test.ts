import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { redisSettingsOf } from '../../src/redis/redis-settings.js';

describe('compose.ha.yaml', () => {
  const compose = parse(readFileSync(new URL('../../compose.ha.yaml', import.meta.url), 'utf8'));
  const services = compose.services as Record<string, { command?: string[] | string; environment?: Record<string, string> }>;

  it('gives the bot replicas the three sentinels and the name they monitor the master under', () => {
    const settings = redisSettingsOf(services.bot!.environment!);
    expect(settings).toMatchObject({ mode: 'sentinel', name: 'chatops' });
    if (settings?.mode !== 'sentinel') throw new Error('not Sentinel');
    expect(settings.sentinels.map((s) => s.host).sort()).toEqual(['sentinel-1', 'sentinel-2', 'sentinel-3']);
    for (const { host } of settings.sentinels) {
      const script = [services[host]!.command].flat().join('\n');
      expect(script).toContain('sentinel monitor chatops redis-master 6379 2');
      expect(script).toMatch(/redis-server \S+ --sentinel/);
    }
    expect([services['redis-replica']!.command].flat().join(' ')).toContain('--replicaof redis-master 6379');
  });
});
