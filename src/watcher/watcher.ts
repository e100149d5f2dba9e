/**
 * The watcher's public face: threshold alerts and daily summaries. `main` needs `createWatcher`
 * and, for `/readyz`, `watcherReadiness`; commands and platforms need only `AlertService`.
 */
export { createWatcher, type Watcher, type WatcherOptions, type WatcherSchedule } from './create-watcher.js';
export { watcherReadiness } from './leader/readiness.js';
export type { OutageSignal } from './leader/leader.js';
export type { AlertService, AlertView, AlertPhase } from './model/alert-service.js';
export type { PollStatus } from './model/types.js';
