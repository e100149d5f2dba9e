import { readFileSync } from 'node:fs';
import { FAKE_TEAM_ID } from './fake-slack.js';

/** Slack's documented example payloads (test/fixtures/slack), with the fields a test cares about replaced. */
const slashExample = JSON.parse(readFileSync(new URL('../fixtures/slack/slash-command.json', import.meta.url), 'utf8')) as Record<string, string>;
const actionsExample = JSON.parse(readFileSync(new URL('../fixtures/slack/block-actions.json', import.meta.url), 'utf8')) as Record<string, unknown>;

/**
 * A slash-command request body (form-encoded, as Slack sends it).
 *
 * @example
 *   slashCommandBody({ command: '/queue', text: 'bogota', response_url: fake.responseUrl('q1') })
 */
export function slashCommandBody(fields: Record<string, string>): string {
  // From the fake's workspace, the one the bot serves, unless a test says otherwise.
  return new URLSearchParams({ ...slashExample, team_id: FAKE_TEAM_ID, ...fields }).toString();
}

export interface ButtonPress {
  actionId: string;
  value: string;
  responseUrl: string;
  userId?: string;
  channelId?: string;
  /** Whether the pressed message was ephemeral (default true: a command answer). */
  isEphemeral?: boolean;
  /** The presser's workspace (default the fake's, the one the bot serves). */
  teamId?: string;
}

/** A block_actions request body for one button press (form field `payload` holding JSON). */
export function blockActionsBody(press: ButtonPress): string {
  const channelId = press.channelId ?? 'C2147483705';
  const example = actionsExample as { user: Record<string, unknown>; container: Record<string, unknown>; actions: Array<Record<string, unknown>> };
  const payload = {
    ...actionsExample,
    team: { id: press.teamId ?? FAKE_TEAM_ID, domain: 'example' },
    user: { ...example.user, id: press.userId ?? 'U2147483697', team_id: press.teamId ?? FAKE_TEAM_ID },
    channel: { id: channelId, name: 'ops' },
    container: { ...example.container, channel_id: channelId, is_ephemeral: press.isEphemeral ?? true },
    response_url: press.responseUrl,
    actions: [{ ...example.actions[0], action_id: press.actionId, value: press.value }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

const viewExample = JSON.parse(readFileSync(new URL('../fixtures/slack/view-submission.json', import.meta.url), 'utf8')) as {
  user: Record<string, unknown>;
  view: Record<string, unknown>;
};

/**
 * A view_submission request body: the modal `view` the bot opened (as the fake recorded it),
 * submitted with `values` typed into its inputs (block id -> text).
 */
export function viewSubmissionBody(opened: Record<string, unknown>, values: Record<string, string>, userId = 'U2147483697'): string {
  const blocks = (opened.blocks as Array<{ block_id: string }>) ?? [];
  const state = { values: Object.fromEntries(blocks.map((b) => [b.block_id, { value: { type: 'plain_text_input', value: values[b.block_id] ?? null } }])) };
  const payload = {
    ...viewExample,
    team: { id: FAKE_TEAM_ID, domain: 'example' },
    user: { ...viewExample.user, id: userId, team_id: FAKE_TEAM_ID },
    view: { ...viewExample.view, ...opened, state },
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
