import { describe, expect, it } from 'vitest';
import { describeRedis, redisSettingsOf } from '../../src/redis/redis-settings.js';

describe('where Redis is, from the environment', () => {
  it('is nowhere when nothing is set: memory, one process', () => {
    expect(redisSettingsOf({})).toBeUndefined();
  });

  it('reads one server from REDIS_URL, TLS when it says rediss://', () => {
    expect(redisSettingsOf({ REDIS_URL: 'redis://10.0.0.5:6380/2' })).toMatchObject({
      mode: 'server',
      url: 'redis://10.0.0.5:6380/2',
      tls: false,
      prefix: 'chatops',
    });
    expect(redisSettingsOf({ REDIS_URL: 'rediss://cache.example.com:6380' })).toMatchObject({ mode: 'server', tls: true });
    expect(() => redisSettingsOf({ REDIS_URL: 'cache.example.com:6379' })).toThrow(/REDIS_URL must start with redis:\/\/ or rediss:\/\//);
  });

  it('reads a Sentinel set, its master name and passwords', () => {
    const settings = redisSettingsOf({
      REDIS_SENTINELS: 's1:26379, s2 ,10.0.0.7:26380',
      REDIS_SENTINEL_NAME: 'chatops',
      REDIS_SENTINEL_PASSWORD: 'sp',
      REDIS_PASSWORD: 'dp',
      REDIS_TLS: 'true',
    });
    expect(settings).toEqual({
      mode: 'sentinel',
      sentinels: [
        { host: 's1', port: 26379 },
        { host: 's2', port: 26379 },
        { host: '10.0.0.7', port: 26380 },
      ],
      name: 'chatops',
      sentinelPassword: 'sp',
      password: 'dp',
      username: undefined,
      tls: true,
      prefix: 'chatops',
    });
    expect(describeRedis(settings!)).toBe('Sentinel master "chatops" via 3 sentinels, TLS');
    expect(() => redisSettingsOf({ REDIS_SENTINELS: 's1:26379' })).toThrow(/REDIS_SENTINELS needs REDIS_SENTINEL_NAME/);
    expect(() => redisSettingsOf({ REDIS_SENTINELS: 's1:port', REDIS_SENTINEL_NAME: 'x' })).toThrow(/REDIS_SENTINELS: "s1:port" is not host:port/);
  });

  it('reads Cluster seed nodes', () => {
    expect(redisSettingsOf({ REDIS_CLUSTER_NODES: 'n1:7000,n2:7001', CHATOPS_REDIS_PREFIX: 'chatops-staging' })).toMatchObject({
      mode: 'cluster',
      nodes: [
        { host: 'n1', port: 7000 },
        { host: 'n2', port: 7001 },
      ],
      prefix: 'chatops-staging',
    });
  });

  it('refuses two places at once, and a prefix that would break the hash tags', () => {
    expect(() => redisSettingsOf({ REDIS_URL: 'redis://a', REDIS_CLUSTER_NODES: 'n1:7000' })).toThrow(
      /only one of REDIS_URL, REDIS_SENTINELS and REDIS_CLUSTER_NODES \(got REDIS_URL and REDIS_CLUSTER_NODES\)/,
    );
    expect(() => redisSettingsOf({ REDIS_URL: 'redis://a', CHATOPS_REDIS_PREFIX: 'team {a}' })).toThrow(/CHATOPS_REDIS_PREFIX/);
    expect(() => redisSettingsOf({ REDIS_URL: 'redis://a', REDIS_TLS: 'maybe' })).toThrow(/REDIS_TLS must be true or false/);
  });
});
