/** The quota gate: contract, the two implementations and the token reconciler. */
export { QuotaSpentError, type GateRequest, type GateResult, type QuotaGate, type TokenPolicy } from './quota-gate.js';
export { createMemoryQuotaGate, type MemoryQuotaGateOptions } from './memory-gate.js';
export { createRedisQuotaGate, FAIL_FAST_REDIS_OPTIONS, type RedisQuotaGateOptions } from './redis-gate.js';
export { startTokenReconciler, type TokenReconciler, type TokenReconcilerOptions } from './reconcile.js';
