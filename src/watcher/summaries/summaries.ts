import { randomUUID } from 'node:crypto';
import type { Config, SummaryConfig } from '../../config/schema.js';
import type { Logger } from '../../log/logger.js';
import type { Reply } from '../../reply/reply.js';
import type { Source } from '../../sources/source.js';
import { resolveChannel } from '../model/rules.js';
import type { WatcherStore } from '../store/store.js';
import { gatherSummary } from './summary-figures.js';
import { summaryReply } from './summary-reply.js';

/** A configured summary with its id, channel reference and sources worked out. */
export interface WatchSummary {
  id: string;
  cron: string;
  timeZone: string;
  channel: string;
  sources: Source[];
  /** The post's language tag (the summary's `locale`, else its first source's); absent: English. */
  locale?: string;
}

/** The id of a configured summary: its `id`, else `summary-<index>` (from 0). */
export function summaryIdOf(summary: Pick<SummaryConfig, 'id'>, index: number): string {
  return summary.id ?? `summary-${index}`;
}

/**
 * Turns `config.summaries` into summaries the watcher runs; a channel or source that cannot be
 * used is reported (and a summary with neither left out).
 */
export function resolveSummaries(config: Config, sources: readonly Source[]): { summaries: WatchSummary[]; problems: string[] } {
  const summaries: WatchSummary[] = [];
  const problems: string[] = [];
  config.summaries.forEach((s, index) => {
    const id = summaryIdOf(s, index);
    const channel = resolveChannel(config, s.channel);
    if (!channel) {
      problems.push(`summary ${id}: channel "${s.channel}" is neither a name from \`channels\` nor a channel reference; it is skipped`);
      return;
    }
    const found = s.sources.map((name) => sources.find((src) => src.id === name));
    s.sources.forEach((name, i) => {
      if (!found[i]) problems.push(`summary ${id}: source "${name}" is not configured; it is left out`);
    });
    const usable = found.filter((src): src is Source => src !== undefined);
    if (usable.length === 0) {
      problems.push(`summary ${id} has no usable source; it is skipped`);
      return;
    }
    const locale = s.locale ?? config.sources[usable[0]!.id]?.locale;
    summaries.push({ id, cron: s.cron, timeZone: s.timeZone, channel, sources: usable, ...(locale ? { locale } : {}) });
  });
  return { summaries, problems };
}

/**
 * Builds one summary now and queues it for its channel. Returns the Reply (undefined for an
 * unknown id).
 *
 * @example
 *   await runSummaryNow({ summary, store, now: new Date(), logger }); // queued for slack:C0123
 */
export async function runSummaryNow(options: { summary: WatchSummary; store: WatcherStore; now: Date; logger: Logger }): Promise<Reply> {
  const { summary, store, now } = options;
  const figures = await gatherSummary({ sources: summary.sources, timeZone: summary.timeZone, store, now });
  const reply = summaryReply(figures, summary.locale);
  await store.enqueue([{ kind: 'message', id: randomUUID(), channel: summary.channel, reply, createdAt: new Date().toISOString() }]);
  options.logger.info({ summary: summary.id, channel: summary.channel, date: figures.date }, 'watcher: daily summary queued');
  return reply;
}
