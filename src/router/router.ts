import type { Logger } from 'pino';
import type { Config } from '../config/schema.js';
import type { WallboardAccess } from '../domain/wallboard-access.js';
import type { History } from '../history/history.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Reply } from '../reply/reply.js';
import { silentLogger } from '../log/logger.js';
import { errorSentence } from '../domain/said.js';
import type { AlertService } from '../watcher/model/alert-service.js';
import { isRuleEditor, isSupervisor, mayRun } from './access.js';
import type { RuleEditing } from '../rules/rule-service.js';
import type { AskerLedger } from '../quota/asker-ledger.js';
import { askerBudget } from './asker-budget.js';
import { compose, type Middleware } from './compose.js';
import { errorReply, type Outcome } from './error-reply.js';
import { parseCommandText, type ParsedCommand } from './parse.js';
import { progressAfter, progressNote, withProgress, type ProgressTimer } from './progress.js';
import { answerAfter, type AnswerTimer } from './answer-timer.js';
import { withinAnswerDeadline } from '../quota/answer-deadline.js';
import { commandNaming, unprefixed } from './command-prefix.js';
import { commandListReply, echo, usageReply } from './replies.js';
import { nearest } from '../util/suggest.js';
import { ruleIdOf } from '../config/rule-id.js';
import { withPrimary } from './source-directory.js';
import { denial, notAnAnswerToShare, notShareable, refusal, suggestion } from './router-replies.js';
import { commandTextOf, existsFor, pickSource, quoteIfNeeded } from './turn-input.js';
import { localized, type Translate } from '../i18n/index.js';
import {
  AccessDeniedError,
  UsageError,
  type AuditEntry,
  type CommandContext,
  type CommandDefinition,
  type CommandInput,
  type CommandRouter,
  type ExampleFacts,
  type SourceDirectory,
} from './types.js';

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
  /** Present when the watcher runs, for `/alerts set|on|off|undo|history`. */
  ruleEditing?: RuleEditing;
  /** Figures polled over time, for trends in answers. */
  history?: History;
  /** Wallboard links, for `/wallboard`. */
  wallboard?: WallboardAccess;
  logger?: Logger;
  metrics?: Pick<Metrics, 'commands' | 'commandSeconds'>;
  /** Counts each asker's vendor requests for costly commands; without it, no per-asker limit. */
  askerLedger?: AskerLedger;
  /** When an answer counts as slow and its asker gets a progress line (default after 2 s). */
  progressTimer?: ProgressTimer;
  /**
   * When an answer is due (CHATOPS_ANSWER_WITHIN, default 30 s): a command still waiting for a
   * vendor slot then answers with the last value and its age, or "busy, try again in about N s".
   */
  answerTimer?: AnswerTimer;
  /**
   * SLACK_COMMAND_PREFIX (`cc-`): `/cc-queue` is taken for `/queue` (the plain name still works),
   * and help, usage and suggestions show the prefixed names.
   */
  commandPrefix?: string;
}

/**
 * What flows through the router's middleware for one inbound event. Middleware added with
 * `use` may read it, answer early with `answer` (then not call `next`), or act after `next`.
 */
export interface RouterTurn {
  readonly input: CommandInput;
  /** Metric label: a known command name, `help` or `unknown` (never user text). */
  label: string;
  outcome: Outcome;
  parsed?: ParsedCommand;
  command?: CommandDefinition;
  reply?: Reply;
  /** The pressed button asks to post the answer for everyone. */
  sharing: boolean;
  /** Audit lines the command wrote; the audit middleware hands them to the sink once answered. */
  readonly audits: AuditEntry[];
  answer(reply: Reply, outcome: Outcome): void;
}

export type RouterMiddleware = Middleware<RouterTurn>;

/** The router with its middleware chain and in-flight tracking. */
export interface Router extends CommandRouter {
  run(input: CommandInput): Promise<{ reply: Reply; outcome: Outcome }>;
  /**
   * Adds a step after access is checked and before the command runs (a per-asker budget, an
   * audit sink): the turn knows its command and asker, and the error boundary, metrics and
   * tracking already wrap it.
   *
   * @example
   *   router.use(async (turn, next) => { if (overBudget(turn.input.asker)) return turn.answer(slowDown, 'denied'); await next(); });
   */
  use(...steps: RouterMiddleware[]): Router;
  /** Resolves true once no event is being answered, or false after `timeoutMs` (shutdown). */
  drain(timeoutMs: number): Promise<boolean>;
}

/** The asker's messages: every answer the router itself gives is in their language. */
const tOf = (turn: RouterTurn): Translate => localized(turn.input.asker.locale).t;

/**
 * The command router, grammY style: one chain of `(turn, next)` middleware. Tracking (for
 * shutdown), metrics, the one error boundary and the audit hook wrap every event; then the
 * event is read (a typed command or a pressed button), parsed, its command found, its access
 * checked, steps added with `use` run, and the command runs. `handle` never throws.
 *
 * @example
 *   const router = createRouter({ commands, config, sources: createSourceDirectory(sources), logger, metrics });
 *   const reply = await router.handle({ text: '/queue bogota', asker, venue: 'channel' });
 *   const shared = await router.handle({ action: 'share', text: '/queue bogota', asker, venue: 'channel' });
 */
export function createRouter(options: RouterOptions): Router {
  const { commands, config, sources, alerts, history, metrics } = options;
  const logger = options.logger ?? silentLogger();
  const now = options.now ?? (() => new Date());
  const progressTimer = options.progressTimer ?? progressAfter();
  const answerTimer = options.answerTimer ?? answerAfter();
  const audit =
    options.audit ??
    ((entry: AuditEntry) =>
      logger.info(
        { audit: true, action: entry.action, target: entry.target, user: entry.asker.userId, platform: entry.asker.platform, venue: entry.venue, at: entry.at },
        `audit: ${entry.action} ${entry.target}`,
      ));
  const byName = new Map(commands.map((c) => [c.name.toLowerCase(), c]));
  const prefix = options.commandPrefix;
  const names = new Set(byName.keys());
  const naming = commandNaming(prefix, names);
  const commandsFor = (asker: CommandInput['asker']) => commands.filter((c) => existsFor(c, asker) && mayRun(c, asker, config.access));
  // Examples name the sources and rules configured here, so each one runs as written.
  const facts: ExampleFacts = {
    sources: sources.all().map((s) => s.id),
    rules: config.alerts.map(ruleIdOf),
    watched: [...new Set(config.alerts.map((a) => a.source))],
  };
  const listFor = (turn: RouterTurn, title: string, summary?: string) =>
    commandListReply(commandsFor(turn.input.asker), sources, title, facts, summary, tOf(turn));
  const added: RouterMiddleware[] = [];

  // The one in-flight count of the process: every event the router answers, and what a platform
  // does after (see `track`), so that shutdown drains both.
  let running = 0;
  const idle: Array<() => void> = [];
  const settle = () => {
    running--;
    if (running === 0) for (const wake of idle.splice(0)) wake();
  };
  const track: RouterMiddleware = async (_turn, next) => {
    running++;
    try {
      await next();
    } finally {
      settle();
    }
  };

  const measure: RouterMiddleware = async (turn, next) => {
    const end = metrics?.commandSeconds.startTimer();
    await next();
    end?.({ command: turn.label });
    metrics?.commands.inc({ command: turn.label, outcome: turn.outcome });
  };

  const errorBoundary: RouterMiddleware = async (turn, next) => {
    try {
      await next();
    } catch (error) {
      const t = tOf(turn);
      if (error instanceof UsageError && turn.command) return turn.answer(usageReply(turn.command, error.message, facts, t), 'usage');
      if (error instanceof AccessDeniedError) return turn.answer(refusal(errorSentence(error, t), t), 'denied');
      const { reply, outcome } = errorReply(error, turn.command?.name ?? turn.label, logger, t);
      turn.answer(reply, outcome);
    }
  };

  /** Audit lines go out once the event is answered, whatever the answer. */
  const auditTrail: RouterMiddleware = async (turn, next) => {
    try {
      await next();
    } finally {
      for (const entry of turn.audits) audit(entry);
    }
  };

  const parse: RouterMiddleware = async (turn, next) => {
    const t = tOf(turn);
    const result = parseCommandText(commandTextOf(turn.input), t);
    if (result.ok) {
      turn.parsed = { ...result.command, name: unprefixed(result.command.name, prefix, names) };
      return next();
    }
    const command = result.name ? byName.get(unprefixed(result.name, prefix, names)) : undefined;
    if (command) {
      turn.label = command.name;
      if (!mayRun(command, turn.input.asker, config.access)) return turn.answer(refusal(denial(command, t), t), 'denied');
      return turn.answer(usageReply(command, result.problem, facts, t), 'usage');
    }
    turn.answer(listFor(turn, t('router.commandsYouCanRun'), result.problem), 'usage');
  };

  const resolveCommand: RouterMiddleware = async (turn, next) => {
    const t = tOf(turn);
    const name = turn.parsed!.name;
    const command = byName.get(name);
    if (command && existsFor(command, turn.input.asker)) {
      turn.command = command;
      turn.label = command.name;
      return next();
    }
    if (name === '' || name === 'help') return turn.answer(listFor(turn, t('router.commandsYouCanRun')), 'ok');
    // A near miss of a prefixed name (`/cc-queu`) is measured without the prefix.
    const bare = prefix && name.startsWith(prefix) ? name.slice(prefix.length) : name;
    const meant = nearest(
      bare,
      commandsFor(turn.input.asker).map((c) => c.name),
    );
    if (meant !== undefined) return turn.answer(suggestion(name, meant, turn.parsed!, t), 'usage');
    turn.answer(listFor(turn, t('router.unknownCommand'), t('router.noSuchCommand', { name: echo(name) })), 'usage');
  };

  const authorize: RouterMiddleware = async (turn, next) => {
    const command = turn.command!;
    if (mayRun(command, turn.input.asker, config.access)) return next();
    const t = tOf(turn);
    turn.answer(refusal(denial(command, t), t), 'denied');
  };

  /** "Share in channel": never runs a private command, and posts only answers everyone may see. */
  const share: RouterMiddleware = async (turn, next) => {
    if (!turn.sharing) return next();
    if (turn.command!.private) return turn.answer(notShareable(tOf(turn)), 'denied');
    if (turn.command!.acts?.(turn.parsed!.args)) return turn.answer(notAnAnswerToShare(tOf(turn)), 'denied');
    await next();
    if (turn.outcome !== 'ok') return;
    if (turn.reply?.visibility === 'private') return turn.answer(notShareable(tOf(turn)), 'denied');
    turn.answer({ ...turn.reply!, visibility: 'public' }, 'ok');
    turn.audits.push({ action: 'share', target: commandTextOf(turn.input), asker: turn.input.asker, venue: turn.input.venue, at: now().toISOString() });
  };

  const execute: RouterMiddleware = async (turn) => {
    const command = turn.command!;
    const parsed = turn.parsed!;
    const { source, args } = pickSource(command, parsed, sources, tOf(turn));
    const ctx: CommandContext = {
      args,
      asker: turn.input.asker,
      venue: turn.input.venue,
      conversation: turn.input.conversation,
      isSupervisor: isSupervisor(turn.input.asker, config.access),
      isRuleEditor: isRuleEditor(turn.input.asker, config.access),
      sources: source ? withPrimary(sources, source) : sources,
      config,
      now,
      audit: (entry) => turn.audits.push({ ...entry, venue: turn.input.venue, at: now().toISOString() }),
      alerts,
      ruleEditing: options.ruleEditing,
      history,
      wallboard: options.wallboard,
      page: parsed.page,
      commandText: [`/${command.name}`, ...(source ? [source.id] : []), ...args.map(quoteIfNeeded)].join(' '),
      commands: commandsFor(turn.input.asker),
      asTyped: naming.command,
    };
    const tell = turn.input.progress;
    // Past the deadline every quota gate call of the handler answers at once (see answer-deadline).
    const due = new AbortController();
    const cancel = answerTimer.start(() => due.abort(new Error(`/${command.name}: the answer is due`)));
    try {
      const work = () => withProgress(() => command.handler(ctx), progressTimer, tell && (() => tell(progressNote(command, ctx))));
      turn.answer(await withinAnswerDeadline({ signal: due.signal, withinMs: answerTimer.withinMs }, work), 'ok');
    } finally {
      cancel();
    }
  };

  const budget: RouterMiddleware = options.askerLedger
    ? askerBudget({ ledger: options.askerLedger, requestsPerHour: config.access.askerBudget.requestsPerHour, sources, now })
    : (_turn, next) => next();

  let chain = build();
  function build() {
    return compose<RouterTurn>([track, measure, errorBoundary, auditTrail, parse, resolveCommand, authorize, share, budget, ...added, execute]);
  }

  async function runOne(input: CommandInput): Promise<{ reply: Reply; outcome: Outcome }> {
    const turn: RouterTurn = {
      input,
      label: 'unknown',
      outcome: 'ok',
      sharing: input.action === 'share',
      audits: [],
      answer(reply, outcome) {
        turn.reply = reply;
        turn.outcome = outcome;
      },
    };
    try {
      await chain(turn);
    } catch (error) {
      // Only a failure around the boundary (a broken logger or metric) lands here; an answer
      // already made is still worth giving.
      if (!turn.reply) turn.answer(errorReply(error, turn.label, silentLogger(), tOf(turn)).reply, 'error');
      try {
        logger.error({ err: error }, 'router failed outside the error boundary');
      } catch {
        /* nothing left to tell */
      }
    }
    // What the router itself says (help, usage, suggestions, refusals) names the commands as they are typed
    // here; in other answers only the buttons' commands (answers name commands through ctx.asTyped).
    const aboutCommands = turn.outcome !== 'ok' || !turn.command || turn.command === byName.get('help');
    const locale = localized(input.asker.locale).locale;
    const named = naming.reply(turn.reply!, aboutCommands);
    // Renderers write their own words (the context line, buttons they add) in the answer's language.
    return { reply: locale === 'en' || named.locale ? named : { ...named, locale }, outcome: turn.outcome };
  }

  const router: Router = {
    commandsFor,
    run: runOne,
    handle: async (input) => (await runOne(input)).reply,
    track(work) {
      running++;
      work.then(settle, settle);
    },
    use(...steps) {
      added.push(...steps);
      chain = build();
      return router;
    },
    drain(timeoutMs) {
      if (running === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        timer.unref();
        idle.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    },
  };
  return router;
}
