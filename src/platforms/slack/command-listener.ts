import type { App, SlashCommand } from '@slack/bolt';
import { slackAsker, venueOf } from './asker.js';
import { budget, runCommand, withAnswerButtons, type ListenerDeps } from './answer.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { renderBlocks } from './render-blocks.js';

/** What the ack says when the answer will come a moment later. */
export const LOOKING = 'Looking…';

/**
 * Every slash command goes to the router. Slack wants an ack within 3 seconds: when the answer
 * is ready within the ack budget it *is* the ack (one message, no flicker); otherwise the ack is
 * "Looking…" and the answer replaces it through the response_url when it arrives.
 * Answers are ephemeral: only the asker sees them until they press "Share in channel".
 */
export function registerCommands(app: App, deps: ListenerDeps): void {
  app.command(/^\/.+/, async ({ command, ack }) => {
    const text = commandText(command);
    const answer = (async () => {
      const groups = await deps.groupsOf(command.user_id);
      const input = { text, asker: slackAsker(command.user_id, groups, command.user_name), venue: venueOf(command.channel_id) };
      return withAnswerButtons(await runCommand(deps, input), text);
    })();

    const timer = budget(deps.ackBudgetMs);
    const first = await Promise.race([answer, timer.elapsed]);
    timer.cancel();
    if (first !== 'late') {
      await ack({ response_type: 'ephemeral', ...renderBlocks(first) });
      return;
    }

    await ack({ response_type: 'ephemeral', text: `${LOOKING} \`${escapeMrkdwn(text)}\`` });
    const late = answer.then((reply) =>
      deps.respond(command.response_url, { response_type: 'ephemeral', replace_original: true, ...renderBlocks(reply) }),
    );
    deps.track(late);
    await late;
  });
}

/** "/queue" + "bogota" -> "/queue bogota", the text the router parses. */
function commandText(command: SlashCommand): string {
  return `${command.command} ${command.text ?? ''}`.trim();
}
