/**
 * The Slack side of the bot. Everything that imports `@slack/bolt` lives in this folder.
 */
export { createSlackApp, createSlackPost, type SlackApp, type SlackAppOptions, type SlackPost } from './slack-app.js';
export { SlackPlatform } from './post.js';
export { renderBlocks, SLACK_LIMITS, type RenderOptions, type SlackMessage } from './render-blocks.js';
export { toPlatformError } from './errors.js';
