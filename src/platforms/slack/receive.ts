import type { App, BlockAction, ButtonAction, SlashCommand } from '@slack/bolt';
import type { Reply, ReplyForm } from '../../reply/reply.js';
import { FORM_CALLBACK_ID, formModal, submissionText } from './form-modal.js';
import type { CommandInput } from '../../router/types.js';
import { slackAsker, venueOf } from './asker.js';
import { budget, withAnswerButtons, type ListenerDeps } from './answer.js';
import { ACTION_ID_PATTERN, LINK_ACTION_ID_PATTERN, decodeAction } from './buttons.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { renderBlocks, type SlackMessage } from './render-blocks.js';
import { localized } from '../../i18n/index.js';

/**
 * Every slash command and every button press becomes one router input; the router decides
 * access, limits and audit. This file only says how Slack delivers the answer.
 *
 * Slack wants an ack within 3 seconds, and a busy process adds its own delays: only an answer
 * ready well inside a 1 s ack budget (500 ms, counted from the request's arrival) *is* the ack (one
 * message, no flicker); otherwise the ack is "Looking…" at once and the answer replaces it
 * through the response_url; when the work goes on past a couple of seconds (the router says so),
 * "Looking…" is updated to say what is being done. Answers are ephemeral until "Share in channel".
 */
export function registerReceivers(app: App, deps: ListenerDeps): void {
  app.command(/^\/.+/, async ({ command, ack, context, client }) => {
    const text = commandText(command);
    // Work going on past a couple of seconds: the "Looking…" message says what is being done.
    let note: string | undefined;
    let acked = false;
    let updates: Promise<unknown> = Promise.resolve();
    const progress = (said: string) => {
      note = said;
      if (!acked) return; // the ack, still to come, says it
      updates = updates.then(() => deps.respond(command.response_url, { response_type: 'ephemeral', replace_original: true, ...lookingMessage(text, said) }));
    };
    const answer = (async () => {
      const [groups, locale] = await Promise.all([deps.groupsOf(command.user_id), deps.localeOf(command.user_id)]);
      const input: CommandInput = {
        text,
        asker: slackAsker(command.user_id, groups, command.user_name, locale),
        venue: venueOf(command.channel_id),
        progress,
      };
      return withAnswerButtons(await deps.router.handle(input), text);
    })();

    // Socket Mode events carry no arrival time: their budget counts from here.
    const receivedAt = typeof context.receivedAt === 'number' ? context.receivedAt : performance.now();
    const timer = budget(Math.max(0, deps.ackBudgetMs - (performance.now() - receivedAt)));
    const first = await Promise.race([answer, timer.elapsed]);
    timer.cancel();
    if (first !== 'late') {
      // A form opens as a modal (the trigger is good for 3 s); the ack says so, or shows the form as text.
      if (first.form && (await openForm(client, command.trigger_id, first.form, deps, first.locale))) {
        await ack({ response_type: 'ephemeral', text: localized(first.locale).t('progress.formOpened', { title: escapeMrkdwn(first.form.title) }) });
        return;
      }
      await ack({ response_type: 'ephemeral', ...renderBlocks(first) });
      return;
    }

    // The late answer counts as in flight from now (before the ack leaves), so a shutdown that
    // begins meanwhile waits for it.
    const shown = note;
    let ackSent!: () => void;
    const sent = new Promise<void>((resolve) => (ackSent = resolve));
    // The answer replaces "Looking…" after any progress update already on its way.
    const late = sent
      .then(() => answer)
      .then(async (reply) => {
        await updates;
        return deps.respond(command.response_url, { response_type: 'ephemeral', replace_original: true, ...renderBlocks(reply) });
      });
    deps.track(late);
    try {
      // In the language already read for this user (no wait: Slack's 3 s run from the request).
      await ack({ response_type: 'ephemeral', text: looking(text, shown, deps.localeOf.known?.(command.user_id)) });
    } finally {
      acked = true;
      if (note !== shown) progress(note!);
      ackSent();
    }
    await late;
  });

  // A submitted form: its command runs through the router; what does not check is shown inline.
  app.view(FORM_CALLBACK_ID, async ({ ack, body, view }) => {
    const text = submissionText(view);
    if (!text) {
      await ack();
      return;
    }
    const work = (async () => {
      const [groups, locale] = await Promise.all([deps.groupsOf(body.user.id), deps.localeOf(body.user.id)]);
      return deps.router.handle({ text, asker: slackAsker(body.user.id, groups, body.user.name, locale), venue: 'direct' });
    })();
    deps.track(work);
    const reply = await work;
    const errors = reply.form?.errors;
    if (errors && Object.keys(errors).length > 0) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    if (reply.tone === 'warning' || reply.tone === 'danger') {
      // Refused (not a rule editor, someone changed it meanwhile): said at the form's first field.
      const first = reply.form?.fields[0]?.name ?? (view.blocks[0] as { block_id?: string } | undefined)?.block_id;
      if (first) {
        await ack({ response_action: 'errors', errors: { [first]: `${reply.title}: ${reply.summary ?? ''}`.slice(0, 2000) } });
        return;
      }
    }
    await ack();
  });

  app.action(LINK_ACTION_ID_PATTERN, async ({ ack }) => ack());
  app.action<BlockAction<ButtonAction>>(ACTION_ID_PATTERN, async ({ ack, body, action }) => {
    await ack();
    const kind = decodeAction(action.action_id);
    if (!kind || kind === 'open') return;
    const channelId = body.channel?.id ?? (body.container?.channel_id as string | undefined);
    const onEphemeral = body.container?.is_ephemeral === true;
    const work = (async () => {
      const [groups, locale] = await Promise.all([deps.groupsOf(body.user.id), deps.localeOf(body.user.id)]);
      const input: CommandInput = {
        action: kind,
        text: action.value ?? '',
        asker: slackAsker(body.user.id, groups, body.user.username ?? body.user.name, locale),
        venue: venueOf(channelId),
      };
      const reply = await deps.router.handle(input);
      await deliverPress(deps, input, reply, body.response_url, onEphemeral);
    })();
    deps.track(work);
    await work;
  });
}

/**
 * Where the answer to a press goes: Refresh replaces the presser's ephemeral answer (on a message
 * everyone sees, one person's refresh must not change it for all); an answer the router let be
 * shared goes to the channel; anything else is a private note that leaves the pressed message alone.
 */
/** Opens a form as a modal; false when Slack would not (an expired trigger): the form is then shown as text. */
async function openForm(
  client: { views: { open(args: { trigger_id: string; view: never }): Promise<unknown> } },
  triggerId: string | undefined,
  form: ReplyForm,
  deps: ListenerDeps,
  locale?: string,
): Promise<boolean> {
  if (!triggerId) return false;
  try {
    await client.views.open({ trigger_id: triggerId, view: formModal(form, locale) as never });
    return true;
  } catch (error) {
    deps.logger.warn({ err: (error as Error).message }, 'slack: could not open a form as a modal; showed it as text');
    return false;
  }
}

async function deliverPress(deps: ListenerDeps, input: CommandInput, reply: Reply, responseUrl: string, onEphemeral: boolean): Promise<void> {
  if (input.action === 'run') {
    await deps.respond(responseUrl, { response_type: 'ephemeral', replace_original: onEphemeral, ...renderBlocks(withAnswerButtons(reply, input.text)) });
    return;
  }
  if (input.action === 'share' && reply.visibility === 'public') {
    const shared: Reply = { ...reply, buttons: (reply.buttons ?? []).filter((b) => b.action !== 'share' && b.action !== 'run') };
    const posted = await deps.respond(responseUrl, {
      response_type: 'in_channel',
      replace_original: false,
      ...renderBlocks(shared, { sharedBy: input.asker.userId }),
    });
    if (posted && onEphemeral) await deps.respond(responseUrl, { delete_original: true });
    return;
  }
  await deps.respond(responseUrl, { response_type: 'ephemeral', replace_original: false, ...renderBlocks({ ...reply, buttons: undefined }) });
}

/** "Looking… `/transcript 123`", or with what is being done: "Looking… (searching up to 7 days of Bogotá) `/transcript 123`". */
function looking(text: string, note: string | undefined, locale?: string): string {
  return `${escapeMrkdwn(note ?? localized(locale).t('progress.lookingShort'))} \`${escapeMrkdwn(text)}\``;
}

/** The "Looking…" message as a response_url replacement: one line of text. */
function lookingMessage(text: string, note: string): SlackMessage {
  const line = looking(text, note);
  return { text: line, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: line } }] };
}

/** "/queue" + "bogota" -> "/queue bogota", the text the router parses. */
function commandText(command: SlashCommand): string {
  return `${command.command} ${command.text ?? ''}`.trim();
}
