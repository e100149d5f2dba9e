import type { CommandContext, CommandDefinition, ExampleFacts } from '../src/router/types.js';
import { lastFinishedChat } from './agents.js';
import { UsageError } from '../src/router/types.js';
import { commandListReply, echo, summaryOf, usageReply } from '../src/router/replies.js';
import { localized } from '../src/i18n/index.js';
import { speech } from './common.js';
import { didYouMean } from '../src/util/suggest.js';
import { ruleIdOf } from '../src/config/rule-id.js';

/**
 * `/help [command]`: the commands this asker may run, with examples built from the sources and
 * rules configured here and from ids seen now (a chat in progress, an alert firing), so that every
 * example runs as written; or one command's usage.
 *
 * @example
 *   await helpCommand.handler(ctx); // sections "/queue [source]", "/agents [source] [...]"
 */
export const helpCommand: CommandDefinition = {
  name: 'help',
  summary: localized('en').t('command.help.summary'),
  usage: '/help [command]',
  examples: ['/help', '/help transcript'],
  access: 'everyone',
  usesSource: false,
  openToAll: true,
  async handler(ctx) {
    const { t } = speech(ctx);
    const mine = ctx.commands ?? [];
    const [name, extra] = ctx.args;
    if (extra !== undefined) throw new UsageError(t('help.oneAtATime'));
    const facts = await liveFacts(ctx);
    if (name === undefined) return { ...commandListReply(mine, ctx.sources, t('router.commandsYouCanRun'), facts, undefined, t), visibility: 'private' };
    const wanted = name.replace(/^\//, '').toLowerCase();
    const command = mine.find((c) => c.name === wanted);
    if (!command)
      throw new UsageError(
        t('help.noSuchCommand', {
          name: echo(name),
          hint: didYouMean(
            wanted,
            mine.map((c) => c.name),
            '/help ',
            t,
          ),
        }),
      );
    return { ...usageReply(command, summaryOf(command, t), facts, t), title: `/${command.name}`, tone: 'normal' };
  },
};

/**
 * Sources and rules from the configuration, plus a chat in progress on the default source (when
 * it can list them; the answer is cached like any other; at a quiet moment the chat that
 * finished last) and an alert firing now. A failure
 * only leaves an example out.
 */
async function liveFacts(ctx: CommandContext): Promise<ExampleFacts> {
  const facts: ExampleFacts = {
    sources: ctx.sources.all().map((s) => s.id),
    rules: ctx.config.alerts.map(ruleIdOf),
    watched: [...new Set(ctx.config.alerts.map((a) => a.source))],
  };
  const source = ctx.sources.primary();
  const [chats, firing] = await Promise.allSettled([
    source.has('activeChats') && ctx.isSupervisor ? source.activeChats() : Promise.resolve(undefined),
    ctx.alerts?.firing(),
  ]);
  if (chats.status === 'fulfilled' && chats.value) {
    const list = chats.value.value;
    facts.chatId = (list.find((c) => c.agentName) ?? list[0])?.id;
  }
  // A quiet moment (no chat in progress): the chat that finished last, as /agents shows it.
  if (!facts.chatId && source.has('agents') && ctx.isSupervisor) {
    facts.chatId = await source.agents().then(
      (a) => lastFinishedChat(a.value),
      () => undefined,
    );
  }
  if (firing.status === 'fulfilled') facts.alertId = firing.value?.find((a) => a.phase === 'firing')?.id;
  return facts;
}
