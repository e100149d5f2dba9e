import type { Cluster, Redis } from 'ioredis';

/**
 * The Redis client every module takes: one server or a Sentinel-managed master (`Redis`), or a
 * Redis Cluster (`Cluster`). Both speak the same commands; on a Cluster, a multi-key command,
 * transaction, pipeline or script must only touch keys of one hash slot, which is why every key
 * family carries a hash tag (`{wolkvox:0032}`, `{watch}`, `{bogota}`...).
 */
export type RedisClient = Redis | Cluster;
