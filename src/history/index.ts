export { ALL_QUEUES, queueKey, RETENTION, type Figures, type History, type Sample } from './history.js';
export { createMemoryHistory } from './memory-history.js';
export { createRedisHistory, type RedisHistoryOptions } from './redis-history.js';
export { figuresOfSnapshot, recordPoll } from './record-snapshot.js';
export { backfillHistory, startBackfill, type BackfillOptions, type RunningBackfill } from './backfill.js';
