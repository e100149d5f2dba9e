import type { CommandDefinition } from '../src/router/types.js';
import { UsageError } from '../src/router/types.js';
import { commandListReply, echo, usageReply } from '../src/router/replies.js';

/**
 * `/help [command]`: the commands this asker may run, with examples; or one command's usage.
 *
 * @example
 *   await helpCommand.handler(ctx); // sections "/queue [source]", "/agents [source] [...]"
 */
export const helpCommand: CommandDefinition = {
  name: 'help',
  summary: 'The commands you can run, with examples.',
  usage: '/help [command]',
  examples: ['/help', '/help transcript'],
  access: 'everyone',
  usesSource: false,
  openToAll: true,
  async handler(ctx) {
    const mine = ctx.commands ?? [];
    const [name, extra] = ctx.args;
    if (extra !== undefined) throw new UsageError('Ask about one command at a time, such as /help queue.');
    if (name === undefined) return { ...commandListReply(mine, ctx.sources, 'Commands you can run'), visibility: 'private' };
    const wanted = name.replace(/^\//, '').toLowerCase();
    const command = mine.find((c) => c.name === wanted);
    if (!command) throw new UsageError(`There is no command "${echo(name)}" you can run. Try /help for the list.`);
    return { ...usageReply(command, command.summary), title: `/${command.name}`, tone: 'normal' };
  },
};
