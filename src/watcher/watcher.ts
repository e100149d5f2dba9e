/**
 * The watcher's public face: threshold alerts and daily summaries. `main` needs `createWatcher`
 * and, for `/readyz`, `watcherReadiness`; commands and platforms need only `AlertService`.
 */
export { createWatcher, type Watcher, type WatcherOptions, type WatcherSchedule } from './create-watcher.js';
export { watcherReadiness } from './readiness.js';
export type { OutageSignal } from './leader.js';
export type { AlertService, AlertView, AlertPhase } from './alert-service.js';
export type { PollStatus } from './types.js';
export { ruleIdOf } from './rules.js';
export { summaryIdOf } from './summaries.js';
