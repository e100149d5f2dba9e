import type { Asker, Venue } from '../domain/asker.js';
import { BotError } from '../domain/errors.js';
import { inEnglish, type Said } from '../domain/said.js';
import type { Config } from '../config/schema.js';
import type { History } from '../history/history.js';
import type { Reply } from '../reply/reply.js';
import type { Source } from '../sources/source.js';
import type { AlertService } from '../watcher/model/alert-service.js';
import type { RuleEditing } from '../rules/rule-service.js';
import type { WallboardAccess } from '../domain/wallboard-access.js';

/** What a button does when pressed (the same set on every platform). */
export type ButtonAction = 'run' | 'share' | 'ack' | 'silence';

/**
 * One inbound event, whatever the platform: a command typed (slash command, Teams message,
 * console line) or a button pressed (Slack block action, Teams card action). Access, limits and
 * audit of both are decided in the router, never in a platform.
 */
export interface CommandInput {
  /** The raw text (`/queue bogota`, `queue bogota`, `transcript "abc 1"`), or a pressed button's value. */
  text: string;
  asker: Asker;
  venue: Venue;
  /**
   * Set when a button was pressed: `run` (Refresh, Next page) and `share` carry a command text,
   * `ack` an alert id, `silence` `rule:duration`.
   */
  action?: ButtonAction;
  /**
   * Called once when the answer is still being worked on after a couple of seconds, with what
   * is being done ("Looking… (searching up to 7 days of Bogotá)"), so the asker is not left in
   * silence: the console prints it, Slack updates its "Looking…" message, Teams shows typing.
   */
  progress?: (note: string) => void;
  /** What the platform can do with the conversation the input came from (Teams: bind a name to it). */
  conversation?: ConversationPort;
}

/** The conversation an input came from, where the platform can name it for the watcher's posts. */
export interface ConversationPort {
  /** Binds `name` to this conversation so alerts and summaries sent to `teams:<name>` post here; returns the stored name (lower-case). */
  link(name: string): Promise<string>;
}

/** Everything a command handler may use. Injected so tests can build it. */
export interface CommandContext {
  /** Positional arguments after the command name, quotes removed. */
  args: string[];
  asker: Asker;
  venue: Venue;
  isSupervisor: boolean;
  /** The source chosen by name, or the only one, or the first (the default). */
  sources: SourceDirectory;
  config: Config;
  now: () => Date;
  /** The conversation the command was typed in, when its platform can link it (`/link`). */
  conversation?: ConversationPort;
  /** Audit trail (transcript views). */
  audit: (entry: { action: string; target: string; asker: Asker }) => void;
  /** Present when the watcher runs: alert state for `/alerts`. */
  alerts?: AlertService;
  /** Present when the watcher runs: rule changes from the chat (`/alerts set|on|off|undo|history`). */
  ruleEditing?: RuleEditing;
  /** Whether the asker may change alert rules (`access.ruleEditors`, default the supervisors). */
  isRuleEditor: boolean;
  /** Figures polled over time (trends, charts); absent in bare test contexts. */
  history?: History;
  /** Wallboard links (`/wallboard`); absent when the watcher does not run. */
  wallboard?: WallboardAccess;
  /** Page asked for with `page:2` or `--page 2` (1-based); absent means the first page. */
  page?: number;
  /**
   * The command as typed, normalised and without the page flag (`/agents bogota busy`): the
   * value of "Refresh" and "Next page" buttons.
   */
  commandText?: string;
  /** The commands this asker may run (for `/help`). */
  commands?: CommandDefinition[];
  /**
   * A command as the asker types it here, for an answer that names one: `/transcript 123`, or
   * `/cc-transcript 123` with SLACK_COMMAND_PREFIX=cc-.
   */
  asTyped: (commandText: string) => string;
}

export interface SourceDirectory {
  all(): Source[];
  get(id: string): Source | undefined;
  /** The default source when none is named. */
  primary(): Source;
}

/**
 * A command: one file each in `commands/`.
 *
 * @example
 *   export const queueCommand: CommandDefinition = {
 *     name: 'queue', summary: 'Waiting chats now', usage: '/queue [source]',
 *     examples: ['/queue', '/queue bogota'], access: 'everyone', handler: async (ctx) => ({ title: '…' }),
 *   };
 */
export interface CommandDefinition {
  name: string;
  /** One line for /help. */
  summary: string;
  /** `/transcript <conn_id> [source]`. */
  usage: string;
  /** Examples that run as written: fixed, or built from the configured sources and live ids. */
  examples: string[] | ((facts: ExampleFacts) => string[]);
  access: 'everyone' | 'supervisor';
  /** The platforms it exists on (default all): Teams' `link` is not a Slack slash command. */
  platforms?: ReadonlyArray<'slack' | 'teams' | 'console'>;
  handler: (ctx: CommandContext) => Promise<Reply>;
  /**
   * Whether the router picks a source named among the arguments (default true). Commands whose
   * arguments are not about a source (`/alerts`, `/help`) set false so a word is never taken
   * for a source.
   */
  usesSource?: boolean;
  /** Runs for anyone, even when `access.everyone` is false (`/help`). */
  openToAll?: boolean;
  /**
   * The command may cost many vendor requests (a transcript search, a long date range): it counts
   * against the asker's hourly share (`access.askerBudget`) and is refused once that is spent.
   */
  costly?: boolean;
  /** Its answers hold customer details: "Share in channel" is refused without running it. */
  private?: boolean;
  /**
   * Whether these arguments make it change something (acknowledge, silence, edit a rule, link):
   * "Share in channel" on such a command is refused without running it, so it never acts twice.
   */
  acts?: (args: readonly string[]) => boolean;
  /**
   * What it is doing, for the progress line of a slow answer ("searching up to 7 days of
   * Bogotá"); default "asking <source>".
   */
  working?: (ctx: CommandContext) => string | undefined;
}

/** What examples are built from, so that every example shown runs here. */
export interface ExampleFacts {
  /** Source ids, the default first. */
  sources: string[];
  /** Alert rule ids. */
  rules: string[];
  /** Sources an alert rule watches: the watcher polls them (the wallboard shows them). */
  watched?: string[];
  /** A chat in progress on the default source, when one was seen. */
  chatId?: string;
  /** An alert firing now. */
  alertId?: string;
}

/**
 * Thrown by a handler when the asker may not do what they asked (`/alerts ack` by someone who
 * is not a supervisor): the router answers with a polite refusal.
 */
export class AccessDeniedError extends BotError {
  constructor(userMessage: string | Said) {
    super('access-denied', typeof userMessage === 'string' ? userMessage : inEnglish(userMessage), userMessage);
    this.name = 'AccessDeniedError';
  }
}

/** One line of the audit trail: who looked at what, where and when. */
export interface AuditEntry {
  action: string;
  /** What was looked at: `bogota:transcript:12345`. */
  target: string;
  asker: Asker;
  venue: Venue;
  /** ISO instant. */
  at: string;
}

/** Thrown by a handler for bad arguments: the router answers with the command's usage. */
export class UsageError extends BotError {
  constructor(message: string) {
    super('usage', message, message);
    this.name = 'UsageError';
  }
}

/** How a command ended, for metrics and exit codes: `chatops_commands_total{outcome}`. */
export type CommandOutcome = 'ok' | 'usage' | 'denied' | 'not_available' | 'vendor_error' | 'error';

/**
 * What a platform needs from the router: one answer per inbound event. `handle` never throws
 * (the router's one error boundary turns every failure into a Reply).
 */
export interface CommandRouter {
  handle(input: CommandInput): Promise<Reply>;
  /**
   * Like `handle`, with how the command ended (`chatops ask` turns it into an exit code).
   * Optional so test stand-ins need not implement it.
   */
  run?(input: CommandInput): Promise<{ reply: Reply; outcome: CommandOutcome }>;
  /** The commands this asker may run, for /help and platform manifests. */
  commandsFor(asker: Asker): CommandDefinition[];
  /**
   * Counts a platform's work that finishes an answer after the router returned it (Slack's late
   * answer through response_url) as in flight, so shutdown waits for it like for the command.
   * Optional so test stand-ins need not implement it.
   */
  track?(work: Promise<unknown>): void;
}
