import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { parseDuration } from '../../config/duration.js';
import type { Reply } from '../../reply/reply.js';
import type { Asker } from '../../router/types.js';
import { slackAsker, venueOf } from './asker.js';
import { runCommand, withAnswerButtons, type ListenerDeps } from './answer.js';
import { ACTION_ID_PATTERN, decodeAction, parseSilenceValue } from './buttons.js';
import { escapeMrkdwn, slackTime } from './mrkdwn.js';
import { renderBlocks } from './render-blocks.js';

/** One button press, in the terms the handlers need. */
interface Press {
  value: string;
  asker: Asker;
  channelId: string | undefined;
  responseUrl: string;
  /** True when the button sits on a message only the presser sees. */
  onEphemeral: boolean;
}

/**
 * Buttons on the same endpoint as commands: "Refresh" / "Next page" re-run the command text in
 * the button and replace the asker's ephemeral answer; "Share in channel" re-runs it and posts
 * the answer for everyone (refused for private answers); "Acknowledge" / "Silence" act on the
 * alert and leave the alert message to the watcher, which updates it.
 */
export function registerActions(app: App, deps: ListenerDeps): void {
  app.action<BlockAction<ButtonAction>>(ACTION_ID_PATTERN, async ({ ack, body, action }) => {
    await ack();
    const kind = decodeAction(action.action_id);
    const groups = await deps.groupsOf(body.user.id);
    const channelId = body.channel?.id ?? (body.container?.channel_id as string | undefined);
    const press: Press = {
      value: action.value ?? '',
      asker: slackAsker(body.user.id, groups, body.user.username ?? body.user.name),
      channelId,
      responseUrl: body.response_url,
      onEphemeral: body.container?.is_ephemeral === true,
    };
    const handler = kind ? HANDLERS[kind] : undefined;
    if (!handler) return;
    const work = handler(deps, press).catch(async (error: unknown) => {
      deps.logger.error({ err: error, action: kind, user: press.asker.userId }, 'a Slack button failed');
      await note(deps, press, 'That did not work. Try again in a moment.');
    });
    deps.track(work);
    await work;
  });
}

const HANDLERS: Record<string, (deps: ListenerDeps, press: Press) => Promise<void>> = {
  run: rerun,
  share,
  ack: acknowledge,
  silence,
};

async function rerun(deps: ListenerDeps, press: Press): Promise<void> {
  const reply = withAnswerButtons(await runCommand(deps, { text: press.value, asker: press.asker, venue: venueOf(press.channelId) }), press.value);
  // On a message everyone sees, one person's refresh must not change it for all: answer them alone.
  await deps.respond(press.responseUrl, { response_type: 'ephemeral', replace_original: press.onEphemeral, ...renderBlocks(reply) });
}

async function share(deps: ListenerDeps, press: Press): Promise<void> {
  const reply = await runCommand(deps, { text: press.value, asker: press.asker, venue: venueOf(press.channelId) });
  if (reply.visibility === 'private') {
    await note(deps, press, 'This answer is private (it may hold customer details) and cannot be shared in the channel.');
    return;
  }
  const shared: Reply = { ...reply, buttons: (reply.buttons ?? []).filter((b) => b.action !== 'share' && b.action !== 'run') };
  const posted = await deps.respond(press.responseUrl, { response_type: 'in_channel', replace_original: false, ...renderBlocks(shared, { sharedBy: press.asker.userId }) });
  if (posted && press.onEphemeral) await deps.respond(press.responseUrl, { delete_original: true });
}

async function acknowledge(deps: ListenerDeps, press: Press): Promise<void> {
  if (!deps.alerts) return note(deps, press, 'Alerts are not running on this bot, so there is nothing to acknowledge.');
  if (!deps.mayActOnAlerts(press.asker)) return note(deps, press, 'Only supervisors may acknowledge alerts. Ask your administrator to add you to access.supervisors.');
  const alert = await deps.alerts.acknowledge(press.value, press.asker);
  await note(deps, press, alert ? `Acknowledged. The alert stays open until it resolves; nobody else will be reminded.` : 'That alert is no longer firing.');
}

async function silence(deps: ListenerDeps, press: Press): Promise<void> {
  if (!deps.alerts) return note(deps, press, 'Alerts are not running on this bot, so there is nothing to silence.');
  if (!deps.mayActOnAlerts(press.asker)) return note(deps, press, 'Only supervisors may silence alerts. Ask your administrator to add you to access.supervisors.');
  const parsed = parseSilenceValue(press.value);
  const ms = parsed ? (parseDuration(parsed.duration) ?? (/^\d+$/.test(parsed.duration) ? Number(parsed.duration) : undefined)) : undefined;
  if (!parsed || !ms || ms < 60_000 || ms > 7 * 86_400_000) {
    deps.logger.warn({ value: press.value }, 'a Silence button carried a value that is not "rule:duration"');
    return note(deps, press, 'This button is out of date; use `/alerts` to silence the rule.');
  }
  const result = await deps.alerts.silence(parsed.ruleId, ms, press.asker);
  await note(deps, press, result ? `Silenced \`${escapeMrkdwn(parsed.ruleId)}\` until ${slackTime(result.until)}.` : `There is no alert rule \`${escapeMrkdwn(parsed.ruleId)}\` any more.`);
}

/** A short private note to whoever pressed, leaving the message they pressed on as it is. */
async function note(deps: ListenerDeps, press: Press, text: string): Promise<void> {
  await deps.respond(press.responseUrl, { response_type: 'ephemeral', replace_original: false, text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] });
}
