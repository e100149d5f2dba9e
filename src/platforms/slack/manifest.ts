import { Document, isScalar, isSeq, type Scalar } from 'yaml';
import type { CommandDefinition } from '../../router/types.js';

/** Slack shows at most this much of a command's description in the command menu. */
const MAX_DESCRIPTION = 100;

/**
 * The bot scopes, each with the Web API calls that need it: nothing more is asked for.
 * `test/slack/manifest.test.ts` checks every Web API call in src/platforms/slack against this list.
 */
export const SLACK_SCOPES: ReadonlyArray<{ scope: string; why: string }> = [
  { scope: 'commands', why: 'slash commands' },
  { scope: 'chat:write', why: 'answers, alerts, summaries, updates to its own messages (chat.postMessage, chat.update)' },
  { scope: 'chat:write.public', why: 'post alerts in public channels the bot has not joined' },
  { scope: 'usergroups:read', why: 'resolve access.supervisors.slackGroups (usergroups.users.list)' },
  { scope: 'users:read', why: "answer in each user's language (users.info with include_locale)" },
  { scope: 'files:write', why: 'chart images, uploaded privately and shown in an image block (files.getUploadURLExternal)' },
];

const HEADER = `# Slack app manifest for the contact-center chat-ops bot.
# Generated from the commands in commands/ by \`npm run slack:manifest\`: edit the commands, not this file.
#
# Create the app in one step: https://api.slack.com/apps -> "Create New App" -> "From a manifest",
# pick the workspace, paste this file. Before that, replace every YOUR-HOST with the public
# host that reaches the bot's HTTP server (PORT, default 3000); Slack needs HTTPS.
# Then: "Install to Workspace", and give the bot these two values from the app's pages:
#   SLACK_SIGNING_SECRET  Basic Information -> App Credentials -> Signing Secret
#   SLACK_BOT_TOKEN       OAuth & Permissions -> Bot User OAuth Token (xoxb-…)
# Invite the bot to every channel that receives alerts or summaries (/invite @Contact Center Ops);
# chat:write.public lets it post in public channels it has not joined.
#
# Other apps in the workspace already use /help or /queue? Generate the manifest with a prefix
# (\`SLACK_COMMAND_PREFIX=cc- npm run slack:manifest -- --out slack/manifest.cc.yaml\` gives
# /cc-queue, /cc-help...) and run the bot with the same SLACK_COMMAND_PREFIX.
#
# No public host (a laptop, a locked-down network)? Use Socket Mode instead:
#   1. set \`socket_mode_enabled: true\` below (the \`url\` / \`request_url\` values are then ignored);
#   2. Basic Information -> App-Level Tokens -> generate one with the \`connections:write\` scope;
#   3. give it to the bot as SLACK_APP_TOKEN (xapp-…). The bot connects out; nothing comes in.
#
# Every command and every button go to the one endpoint, POST /slack/events.
`;

export interface SlackManifestOptions {
  /** The bot's commands, in the order the menu lists them. */
  commands: CommandDefinition[];
  /** SLACK_COMMAND_PREFIX: `cc-` gives `/cc-queue`. */
  prefix?: string;
  /** The public host; the placeholder `YOUR-HOST` by default. */
  host?: string;
}

/**
 * The Slack app manifest (YAML) for these commands: each command's name (with the prefix), its
 * summary and its arguments as the usage hint, all sent to /slack/events; only the scopes the
 * bot's Web API calls need.
 *
 * @example
 *   writeFileSync('slack/manifest.yaml', slackManifest({ commands, prefix: 'cc-' }));
 */
export function slackManifest({ commands: all, prefix = '', host = 'YOUR-HOST' }: SlackManifestOptions): string {
  const commands = all.filter((c) => !c.platforms || c.platforms.includes('slack'));
  const endpoint = `https://${host}/slack/events`;
  const names = commands.map((c) => `/${prefix}${c.name}`).join(', ');
  const manifest = {
    display_information: {
      name: 'Contact Center Ops',
      description: 'Queue, agents, transcripts, alerts and daily numbers from your contact center, in Slack.',
      long_description:
        `Ask the contact center how it is doing without leaving Slack (${names}). Answers are private to you until you press "Share in channel". ` +
        'The bot also posts threshold alerts to your channels, updates them as they resolve, lets supervisors acknowledge or silence them from the message, ' +
        "and posts a daily summary on the operation's own schedule.",
      background_color: '#1f3a5f',
    },
    features: {
      // The Home tab shows the live floor (app_home_opened -> views.publish).
      app_home: { home_tab_enabled: true },
      bot_user: { display_name: 'chatops', always_online: true },
      slash_commands: commands.map((command) => {
        const hint = command.usage.replace(/^\/\S+\s*/, '');
        return {
          command: `/${prefix}${command.name}`,
          url: endpoint,
          description: shorten(command.summary),
          ...(hint ? { usage_hint: hint } : {}),
          should_escape: false,
        };
      }),
    },
    oauth_config: { scopes: { bot: SLACK_SCOPES.map((s) => s.scope) } },
    settings: {
      event_subscriptions: { request_url: endpoint, bot_events: ['app_home_opened'] },
      interactivity: { is_enabled: true, request_url: endpoint },
      org_deploy_enabled: false,
      socket_mode_enabled: false,
      token_rotation_enabled: false,
    },
  };
  const doc = new Document(manifest);
  const scopes = doc.getIn(['oauth_config', 'scopes', 'bot'], true);
  if (isSeq(scopes)) {
    scopes.items.forEach((item, i) => {
      if (isScalar(item)) (item as Scalar).comment = ` ${SLACK_SCOPES[i]!.why}`;
    });
  }
  return `${HEADER}\n${doc.toString({ lineWidth: 0 })}`;
}

/** The summary without its final period, then without asides in parentheses, then cut at a word, to what the command menu shows. */
function shorten(summary: string): string {
  let text = summary.replace(/\.$/, '');
  if (text.length > MAX_DESCRIPTION) text = text.replace(/\s*\([^)]*\)/g, '');
  if (text.length <= MAX_DESCRIPTION) return text;
  const cut = text.slice(0, MAX_DESCRIPTION - 1);
  return `${cut.slice(0, cut.lastIndexOf(' '))}…`;
}
