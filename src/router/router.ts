import type { Logger } from 'pino';
import type { Config } from '../config/schema.js';
import type { History } from '../history/history.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Reply } from '../reply/reply.js';
import { silentLogger } from '../log/logger.js';
import type { AlertService } from '../watcher/alert-service.js';
import { isSupervisor, mayRun } from './access.js';
import type { AskerLedger } from '../quota/asker-ledger.js';
import { askerBudget } from './asker-budget.js';
import { compose, type Middleware } from './compose.js';
import { errorReply, type Outcome } from './error-reply.js';
import { parseCommandText, type ParsedCommand } from './parse.js';
import { commandListReply, echo, usageReply } from './replies.js';
import { didYouMean, nearest } from '../util/suggest.js';
import { maskPhones } from '../privacy/mask-phone.js';
import { ruleIdOf } from '../config/rule-id.js';
import { withPrimary } from './source-directory.js';
import { AccessDeniedError, UsageError, type AuditEntry, type CommandContext, type CommandDefinition, type CommandInput, type CommandRouter, type ExampleFacts, type SourceDirectory } from './types.js';

export interface RouterOptions {
  commands: CommandDefinition[];
  config: Config;
  sources: SourceDirectory;
  /** Clock; tests pin it. */
  now?: () => Date;
  /** Where audit lines go; default: `logger.info({ audit: true, ... })`. */
  audit?: (entry: AuditEntry) => void;
  /** Present when the watcher runs, for `/alerts`. */
  alerts?: AlertService;
  /** Figures polled over time, for trends in answers. */
  history?: History;
  logger?: Logger;
  metrics?: Pick<Metrics, 'commands' | 'commandSeconds'>;
  /** Counts each asker's vendor requests for costly commands; without it, no per-asker limit. */
  askerLedger?: AskerLedger;
}

/** What flows through the router steps for one command. */
interface Turn {
  input: CommandInput;
  /** Metric label: a known command name, `help` or `unknown` (never user text). */
  label: string;
  outcome: Outcome;
  parsed?: ParsedCommand;
  command?: CommandDefinition;
  reply?: Reply;
}

/**
 * The command router: parse -> find the command -> pick the source -> check access -> run, with
 * an error boundary that turns every failure into a sentence. `handle` never throws.
 *
 * @example
 *   const router = createRouter({ commands, config, sources: createSourceDirectory(sources), logger, metrics });
 *   const reply = await router.handle({ text: '/queue bogota', asker, venue: 'channel' });
 */
export function createRouter(options: RouterOptions): CommandRouter {
  const { commands, config, sources, alerts, history, metrics } = options;
  const logger = options.logger ?? silentLogger();
  const now = options.now ?? (() => new Date());
  const audit = options.audit ?? ((entry: AuditEntry) => logger.info({ audit: true, action: entry.action, target: entry.target, user: entry.asker.userId, platform: entry.asker.platform, venue: entry.venue, at: entry.at }, `audit: ${entry.action} ${entry.target}`));
  const byName = new Map(commands.map((c) => [c.name.toLowerCase(), c]));
  const commandsFor = (asker: CommandInput['asker']) => commands.filter((c) => mayRun(c, asker, config.access));
  // Examples name the sources and rules configured here, so each one runs as written.
  const facts: ExampleFacts = { sources: sources.all().map((s) => s.id), rules: config.alerts.map(ruleIdOf) };
  const listFor = (turn: Turn, title: string, summary?: string) => commandListReply(commandsFor(turn.input.asker), sources, title, facts, summary);

  const measure: Middleware<Turn> = async (turn, next) => {
    const end = metrics?.commandSeconds.startTimer();
    await next();
    end?.({ command: turn.label });
    metrics?.commands.inc({ command: turn.label, outcome: turn.outcome });
  };

  const errorBoundary: Middleware<Turn> = async (turn, next) => {
    try {
      await next();
    } catch (error) {
      if (error instanceof UsageError && turn.command) return answer(turn, usageReply(turn.command, error.message, facts), 'usage');
      if (error instanceof AccessDeniedError) return answer(turn, refusal(error.userMessage), 'denied');
      const { reply, outcome } = errorReply(error, turn.command?.name ?? turn.label, logger);
      answer(turn, reply, outcome);
    }
  };

  const parse: Middleware<Turn> = async (turn, next) => {
    const result = parseCommandText(turn.input.text);
    if (result.ok) {
      turn.parsed = result.command;
      return next();
    }
    const command = result.name ? byName.get(result.name) : undefined;
    if (command) {
      turn.label = command.name;
      if (!mayRun(command, turn.input.asker, config.access)) return answer(turn, refusal(denial(command)), 'denied');
      return answer(turn, usageReply(command, result.problem, facts), 'usage');
    }
    answer(turn, listFor(turn, 'Commands you can run', result.problem), 'usage');
  };

  const resolveCommand: Middleware<Turn> = async (turn, next) => {
    const name = turn.parsed!.name;
    const command = byName.get(name);
    if (command) {
      turn.command = command;
      turn.label = command.name;
      return next();
    }
    if (name === '' || name === 'help') return answer(turn, listFor(turn, 'Commands you can run'), 'ok');
    const meant = nearest(name, commandsFor(turn.input.asker).map((c) => c.name));
    if (meant !== undefined) return answer(turn, suggestion(name, meant, turn.parsed!), 'usage');
    answer(turn, listFor(turn, 'Unknown command', `There is no command "${echo(name)}". Here is what you can run:`), 'usage');
  };

  const authorize: Middleware<Turn> = async (turn, next) => {
    const command = turn.command!;
    if (mayRun(command, turn.input.asker, config.access)) return next();
    answer(turn, refusal(denial(command)), 'denied');
  };

  const execute: Middleware<Turn> = async (turn) => {
    const command = turn.command!;
    const parsed = turn.parsed!;
    const { source, args } = pickSource(command, parsed, sources);
    const ctx: CommandContext = {
      args,
      asker: turn.input.asker,
      venue: turn.input.venue,
      isSupervisor: isSupervisor(turn.input.asker, config.access),
      sources: source ? withPrimary(sources, source) : sources,
      config,
      now,
      audit: (entry) => audit({ ...entry, venue: turn.input.venue, at: now().toISOString() }),
      alerts,
      history,
      page: parsed.page,
      commandText: ['/' + command.name, ...(source ? [source.id] : []), ...args.map(quoteIfNeeded)].join(' '),
      commands: commandsFor(turn.input.asker),
    };
    answer(turn, await command.handler(ctx), 'ok');
  };

  const budget: Middleware<Turn> = options.askerLedger
    ? askerBudget({ ledger: options.askerLedger, requestsPerHour: config.access.askerBudget.requestsPerHour, sources, now })
    : (_turn, next) => next();

  const run = compose<Turn>([measure, errorBoundary, parse, resolveCommand, authorize, budget, execute]);

  async function runOne(input: CommandInput): Promise<{ reply: Reply; outcome: Outcome }> {
    const turn: Turn = { input, label: 'unknown', outcome: 'ok' };
    try {
      await run(turn);
    } catch (error) {
      // Only a failure around the boundary (a broken logger or metric) lands here; an answer
      // already made is still worth giving.
      if (!turn.reply) turn.outcome = 'error';
      try {
        logger.error({ err: error }, 'router failed outside the error boundary');
      } catch {
        /* nothing left to tell */
      }
    }
    return { reply: turn.reply ?? { title: 'Something went wrong; it has been logged.', visibility: 'private', tone: 'danger' }, outcome: turn.outcome };
  }

  return {
    commandsFor,
    run: runOne,
    handle: async (input) => (await runOne(input)).reply,
  };
}

function answer(turn: Turn, reply: Reply, outcome: Outcome): void {
  turn.reply = reply;
  turn.outcome = outcome;
}

function denial(command: CommandDefinition): string {
  return command.access === 'supervisor'
    ? `/${command.name} is for supervisors. If you need it, ask your administrator to add you to access.supervisors in the bot's configuration.`
    : 'This bot answers supervisors here. Ask your administrator if you need access.';
}

/** "Did you mean /queue?" with a button that runs the corrected command. */
function suggestion(typed: string, meant: string, parsed: ParsedCommand): Reply {
  const corrected = ['/' + meant, ...parsed.args.map(quoteIfNeeded), ...(parsed.source ? [`source:${parsed.source}`] : [])].join(' ');
  // A button carries the text back verbatim: none when it holds what looks like a phone number.
  const runnable = maskPhones(corrected) === corrected && corrected.length <= 200;
  return {
    title: 'Unknown command',
    summary: `There is no command "${echo(typed)}". Did you mean /${meant}? (/help lists every command.)`,
    buttons: runnable ? [{ label: 'Run it', action: 'run', value: corrected, style: 'primary' }] : undefined,
    visibility: 'private',
    tone: 'warning',
  };
}

function refusal(message: string): Reply {
  return { title: 'Not available to you', summary: message, visibility: 'private', tone: 'warning' };
}

/**
 * A source named with `source:x`, or the first bare argument that names a configured source;
 * that argument is removed before the handler sees the rest. A bare word that names no source
 * stays an argument, for the handler to judge.
 */
function pickSource(command: CommandDefinition, parsed: ParsedCommand, sources: SourceDirectory) {
  const args = [...parsed.args];
  if (command.usesSource === false) return { source: undefined, args };
  if (parsed.source !== undefined) {
    const source = sources.get(parsed.source);
    const ids = sources.all().map((s) => s.id);
    if (!source) throw new UsageError(`There is no source "${echo(parsed.source)}".${didYouMean(parsed.source, ids)} Sources: ${ids.join(', ')}.`);
    return { source, args };
  }
  const index = args.findIndex((arg, i) => !parsed.quoted[i] && sources.get(arg) !== undefined);
  if (index < 0) return { source: undefined, args };
  const source = sources.get(args[index]!)!;
  args.splice(index, 1);
  return { source, args };
}

function quoteIfNeeded(arg: string): string {
  return /[\s"']/.test(arg) || arg === '' ? `"${arg.replace(/"/g, '')}"` : arg;
}
