import { isVendorError } from '../domain/errors.js';
import type { Logger } from '../log/logger.js';
import { localDate } from '../domain/local-date.js';
import type { QuotaGate, TokenPolicy } from './quota-gate.js';

/**
 * What the reconciler needs of a source (a `Source` is one). Declared here rather than imported
 * so that quota stays below src/sources (sources build on the gate, not the other way round).
 */
export interface TokenCountSource {
  readonly id: string;
  readonly token: TokenPolicy;
  has(capability: 'tokenUsage'): boolean;
  tokenUsage(ask: 'background'): Promise<{ value: { usedToday: number }; stale: boolean; staleReason?: string }>;
}

export interface TokenReconcilerOptions {
  gate: QuotaGate;
  sources: readonly TokenCountSource[];
  logger: Logger;
  /**
   * The vendor's own count of today's requests with the source's token (wolkvox `token_use_today`).
   * Default: `source.tokenUsage('background')`, which goes through the gate and costs one request.
   */
  readUsedToday?: (source: TokenCountSource) => Promise<number>;
  /** Default hourly. */
  intervalMs?: number;
}

export interface TokenReconciler {
  /** The first round, started at once. Never rejects. */
  readonly firstRound: Promise<void>;
  /** One round now (skipped while another round runs). Never rejects. */
  runOnce(): Promise<void>;
  stop(): void;
}

/**
 * Checks the gate's day counters against the vendor's. The gate meters every request as it
 * leaves, so both counts agree unless something else spends the token (another tool, a process
 * that ran before a restart, a count lost with Redis). At start and every `intervalMs`, for each
 * token whose source can report its usage, reads the vendor's count; a vendor count above the
 * gate's is a drift: logged once per token and day, and the gate's count is raised to it so the
 * budget still holds.
 *
 * @example
 *   const reconciler = startTokenReconciler({ gate, sources, logger });
 *   // on shutdown: reconciler.stop();
 */
export function startTokenReconciler({
  gate,
  sources,
  logger,
  readUsedToday = defaultReader,
  intervalMs = 3_600_000,
}: TokenReconcilerOptions): TokenReconciler {
  // Sources sharing a token share one counter: ask the vendor once per token.
  const byToken = new Map<string, TokenCountSource>();
  for (const source of sources) if (source.has('tokenUsage') && !byToken.has(source.token.key)) byToken.set(source.token.key, source);

  let running: Promise<void> | undefined;
  let stopped = false;
  // Token and day of each drift already logged: one line per token and day, not one per round.
  const logged = new Set<string>();

  async function round(): Promise<void> {
    for (const source of byToken.values()) {
      if (stopped) return;
      try {
        const used = await readUsedToday(source);
        if (!Number.isFinite(used) || used < 0) {
          logger.warn({ source: source.id }, 'token usage: the vendor reported an unreadable count; the quota counter is left as it is');
          continue;
        }
        const ours = (await gate.usage(source.token)).usedToday;
        const drift = used - ours;
        const day = `${source.token.key}:${localDate(Date.now(), source.token.timeZone)}`;
        if (drift > 0 && !logged.has(day)) {
          logged.add(day);
          logger.warn(
            { source: source.id, token: source.token.key, vendorCount: used, botCount: ours, drift },
            `token usage: the vendor counts ${drift} more request(s) today than the bot sent; something else uses this token (or a count was lost). The bot now counts from the vendor's figure`,
          );
        }
        await gate.reconcile(source.token, used);
        logger.debug({ source: source.id, token: source.token.key, vendorCount: used, botCount: ours }, 'token usage checked');
      } catch (error) {
        const detail = isVendorError(error) ? error.toLog() : { message: error instanceof Error ? error.message : String(error) };
        logger.warn({ source: source.id, error: detail }, 'token usage: could not read the vendor count; will try again next round');
      }
    }
  }

  function runOnce(): Promise<void> {
    running ??= round().finally(() => {
      running = undefined;
    });
    return running;
  }

  const firstRound = byToken.size > 0 ? runOnce() : Promise.resolve();
  const timer = byToken.size > 0 ? setInterval(() => void runOnce(), intervalMs) : undefined;
  timer?.unref();

  return {
    firstRound,
    runOnce,
    stop() {
      stopped = true;
      if (timer) clearInterval(timer);
    },
  };
}

async function defaultReader(source: TokenCountSource): Promise<number> {
  const usage = await source.tokenUsage('background');
  // A stale count may be yesterday's: raising today's counter with it would block the day.
  if (usage.stale) throw new Error(`only a stale token count is available (${usage.staleReason ?? 'vendor not answering'})`);
  return usage.value.usedToday;
}
