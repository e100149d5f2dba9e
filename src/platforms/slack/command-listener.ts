import type { App, SlashCommand } from '@slack/bolt';
import { slackAsker, venueOf } from './asker.js';
import { budget, runCommand, withAnswerButtons, type ListenerDeps } from './answer.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { renderBlocks } from './render-blocks.js';

/** What the ack says when the answer will come a moment later. */
export const LOOKING = 'Looking…';

/**
 * Every slash command goes to the router. Slack wants an ack within 3 seconds, and a busy
 * process adds its own delays: only an answer ready well inside a 1 s ack budget (500 ms, counted
 * from the request's arrival) *is* the ack (one message, no flicker); otherwise the ack is "Looking…"
 * at once and the answer replaces it through the response_url when it arrives.
 * Answers are ephemeral: only the asker sees them until they press "Share in channel".
 */
export function registerCommands(app: App, deps: ListenerDeps): void {
  app.command(/^\/.+/, async ({ command, ack, context }) => {
    const text = commandText(command);
    const answer = (async () => {
      const groups = await deps.groupsOf(command.user_id);
      const input = { text, asker: slackAsker(command.user_id, groups, command.user_name), venue: venueOf(command.channel_id) };
      return withAnswerButtons(await runCommand(deps, input), text);
    })();

    // Socket Mode events carry no arrival time: their budget counts from here.
    const receivedAt = typeof context.receivedAt === 'number' ? context.receivedAt : performance.now();
    const timer = budget(Math.max(0, deps.ackBudgetMs - (performance.now() - receivedAt)));
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
