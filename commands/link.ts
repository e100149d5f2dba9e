import { normalizeAlias } from '../src/domain/channel-alias.js';
import { echo } from '../src/router/replies.js';
import type { CommandDefinition } from '../src/router/types.js';
import { UsageError } from '../src/router/types.js';

/**
 * `link <name>` (Teams): names the conversation it is typed in, so alerts and summaries sent to
 * `teams:<name>` post there. Supervisors only, audited like every change; Slack names channels
 * by their id (`slack:C0123ABC`) and has no such command.
 *
 * @example
 *   await linkCommand.handler(ctxWithArgs(['Ops'])); // "Linked as ops"
 */
export const linkCommand: CommandDefinition = {
  name: 'link',
  summary: 'Names this conversation for alerts and summaries: `link ops`, then use teams:ops as a channel in the configuration.',
  usage: '/link <name>',
  examples: ['/link ops'],
  access: 'supervisor',
  platforms: ['teams'],
  usesSource: false,
  acts: () => true,
  async handler(ctx) {
    const [name, ...extra] = ctx.args;
    if (name === undefined) throw new UsageError('Write `link <name>` (for example `link ops`), then use `teams:<name>` as an alert or summary channel.');
    const alias = normalizeAlias(name);
    if (!alias || extra.length > 0)
      throw new UsageError(
        `"${echo(ctx.args.join(' '))}" cannot be a link name: use letters, digits, "-" or "_" (at most 64), starting with a letter or digit.`,
      );
    if (!ctx.conversation) throw new UsageError('This conversation cannot be linked from here: type `link <name>` in the Teams channel or chat to link.');
    const stored = await ctx.conversation.link(alias);
    ctx.audit({ action: 'conversation.link', target: `teams:${stored}`, asker: ctx.asker });
    return { title: `Linked as ${stored}`, summary: `Alerts and summaries sent to teams:${stored} now post here.`, tone: 'good' };
  },
};
