import type { Reply } from '../reply/reply.js';
import { formatLocalTime } from '../reply/format.js';
import type { AskerLedger } from '../quota/asker-ledger.js';
import { chargingRequestsTo } from '../quota/asker-meter.js';
import type { Middleware } from './compose.js';
import type { CommandDefinition, CommandInput, CommandOutcome, SourceDirectory } from './types.js';

export interface AskerBudgetOptions {
  ledger: AskerLedger;
  /** Vendor requests one person's costly commands may spend per sliding hour; 0 = no limit. */
  requestsPerHour: number;
  sources: SourceDirectory;
  now: () => Date;
}

/** What this step reads and writes of the router's turn. */
export interface BudgetedTurn {
  input: CommandInput;
  command?: CommandDefinition;
  reply?: Reply;
  outcome: CommandOutcome;
}

/**
 * A router step: a costly command (`costly: true`, such as `/transcript` and `/handoffs`) runs only
 * while its asker has vendor requests left this hour, and every request it then causes is
 * counted against them. Refused before any request, with when they can ask again. Other
 * commands, the watcher and the gate's reserves are untouched.
 *
 * @example
 *   compose([measure, errorBoundary, parse, resolveCommand, authorize, askerBudget({ ledger, requestsPerHour: 60, sources, now }), execute]);
 */
export function askerBudget(options: AskerBudgetOptions): Middleware<BudgetedTurn> {
  const { ledger, requestsPerHour: limit } = options;
  return async (turn, next) => {
    if (!turn.command?.costly || !(limit > 0)) return next();
    const asker = `${turn.input.asker.platform}:${turn.input.asker.userId}`;
    const { used, freeAt } = await ledger.spent(asker, limit);
    if (used >= limit) {
      turn.reply = refusal(turn.command, limit, freeAt ?? options.now().getTime(), options);
      turn.outcome = 'denied';
      return;
    }
    await chargingRequestsTo(() => ledger.charge(asker, 1), next);
  };
}

function refusal(command: CommandDefinition, limit: number, freeAt: number, options: AskerBudgetOptions): Reply {
  const minutes = Math.max(1, Math.ceil((freeAt - options.now().getTime()) / 60_000));
  const zone = options.sources.all()[0]?.timeZone;
  const at = zone ? `, at ${formatLocalTime(new Date(freeAt).toISOString(), zone)}` : '';
  return {
    title: 'Your lookups have reached their hourly share',
    summary:
      `/${command.name} asks the vendor for a lot, and your questions of this kind used ${limit} vendor requests in the last hour, the most one person may, so that the team's daily quota lasts. ` +
      `You can ask again in ${minutes} minute${minutes === 1 ? '' : 's'}${at}. /queue, /agents and /today still answer.`,
    visibility: 'private',
    tone: 'warning',
  };
}
