/**
 * Microsoft Teams platform. Everything that touches botbuilder stays in this folder, so moving
 * to its successor SDK changes nothing outside it.
 */
export { createTeamsApp, createTeamsPost, type TeamsApp, type TeamsAppOptions, type TeamsPost } from './teams-app.js';
export { TeamsConfigError, type TeamsCredentials, type TeamsAuthMode } from './auth.js';
export { createTeamsWebhookPlatform, TEAMS_WEBHOOK_PREFIX, type TeamsWebhookPlatformOptions } from './webhook-platform.js';
export { createMemoryConversationStore, normalizeAlias, type ConversationStore, type TeamsConversationRef } from './conversation-store.js';
export { createRedisConversationStore, type RedisConversationStoreOptions } from './redis-conversation-store.js';
export { renderCard, MAX_CARD_BYTES, TEAMS_MESSAGE_LIMIT_BYTES, type RenderCardOptions } from './render-card.js';
export type { AdaptiveCard, ChatopsSubmitData } from './card-types.js';
export type { RetryPolicy } from './connector.js';
export { teamsTabLink, TEAMS_TAB_LINK_ROUTE } from './tab-link.js';
export { tabTokenVerifier, MICROSOFT_KEYS_URL, type TabUser } from './tab-token.js';
