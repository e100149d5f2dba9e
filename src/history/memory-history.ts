import { queueKey, RETENTION, type History, type Sample } from './history.js';

interface Series {
  /** Every sample of the last day, by time. */
  fine: Sample[];
  /** One sample per slot up to `keepMs` back, by time. */
  coarse: Sample[];
}

/**
 * History in this process's memory (no Redis): the same tiers and limits as the Redis one, so a
 * process that runs for weeks keeps about 8 days and no more.
 *
 * @example
 *   const history = createMemoryHistory();
 */
export function createMemoryHistory(): History {
  const series = new Map<string, Series>();

  const seriesOf = (source: string, queue: string): Series => {
    const key = `${source}\u0000${queueKey(queue)}`;
    let found = series.get(key);
    if (!found) {
      found = { fine: [], coarse: [] };
      series.set(key, found);
    }
    return found;
  };

  return {
    async record(source, queue, at, figures) {
      const s = seriesOf(source, queue);
      const sample: Sample = { at: at.getTime(), figures: { ...figures } };
      put(s.fine, sample, sample.at, sample.at);
      const slot = Math.floor(sample.at / RETENTION.coarseStepMs) * RETENTION.coarseStepMs;
      put(s.coarse, sample, slot, slot + RETENTION.coarseStepMs - 1);
      dropBefore(s.fine, sample.at - RETENTION.fineMs);
      dropBefore(s.coarse, sample.at - RETENTION.keepMs);
    },
    async range(source, queue, from, to) {
      const s = series.get(`${source}\u0000${queueKey(queue)}`);
      if (!s) return [];
      return mergeTiers(within(s.fine, from.getTime(), to.getTime()), within(s.coarse, from.getTime(), to.getTime()), s.fine[0]?.at).map(copy);
    },
  };
}

/**
 * Fine samples where the fine tier reaches, coarse ones before it: the fine tier starts at its
 * oldest sample (`fineStart`), everything earlier comes from the coarse tier.
 */
export function mergeTiers(fine: Sample[], coarse: Sample[], fineStart: number | undefined): Sample[] {
  if (fineStart === undefined) return coarse;
  return [...coarse.filter((s) => s.at < fineStart), ...fine];
}

/** Replaces samples in [low, high] by `sample`, keeping the array sorted by time. */
function put(samples: Sample[], sample: Sample, low: number, high: number): void {
  const start = lowerBound(samples, low);
  let end = start;
  while (end < samples.length && samples[end]!.at <= high) end += 1;
  samples.splice(start, end - start, sample);
}

function dropBefore(samples: Sample[], cutoff: number): void {
  const end = lowerBound(samples, cutoff);
  if (end > 0) samples.splice(0, end);
}

function within(samples: Sample[], from: number, to: number): Sample[] {
  const out: Sample[] = [];
  for (let i = lowerBound(samples, from); i < samples.length && samples[i]!.at <= to; i += 1) out.push(samples[i]!);
  return out;
}

/** First index whose sample is at or after `at`. */
function lowerBound(samples: Sample[], at: number): number {
  let low = 0;
  let high = samples.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (samples[mid]!.at < at) low = mid + 1;
    else high = mid;
  }
  return low;
}

const copy = (s: Sample): Sample => ({ at: s.at, figures: { ...s.figures } });
