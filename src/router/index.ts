export { createRouter, type Router, type RouterMiddleware, type RouterOptions, type RouterTurn } from './router.js';
export { createSourceDirectory } from './source-directory.js';
export { parseCommandText, MAX_COMMAND_LENGTH, type ParsedCommand, type ParseResult } from './parse.js';
export { isSupervisor, mayRun } from './access.js';
export * from './types.js';
export { progressAfter, progressNote, PROGRESS_AFTER_MS, type ProgressTimer } from './progress.js';
