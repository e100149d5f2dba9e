import type { DateRange, HandoffReport } from '../../src/domain/types.js';
import type { DaySim } from './day-sim.js';
import { QUEUES } from './operation.js';

/** Bot-to-agent figures of part of one day; tallies of several days add up. */
export interface HandoffTally {
  botConversations: number;
  handedToAgent: number;
  botSecondsSum: number;
  botFinished: number;
  toAgentSecondsSum: number;
  reachedAgent: number;
  byRoutingPoint: Map<string, number>;
}

export function emptyTally(): HandoffTally {
  return { botConversations: 0, handedToAgent: 0, botSecondsSum: 0, botFinished: 0, toAgentSecondsSum: 0, reachedAgent: 0, byRoutingPoint: new Map() };
}

/**
 * Conversations of `sim` that started in [from, to) seconds after its midnight, with what had
 * happened to them by `now` (same scale; may lie past the day's end).
 */
export function tallyHandoffs(sim: DaySim, from: number, to: number, now: number, into: HandoffTally = emptyTally()): HandoffTally {
  const end = Math.min(to, now + 1e-9);
  for (const c of sim.conversations) {
    if (c.start >= end) break;
    if (c.start < from || !c.viaBot) continue;
    into.botConversations += 1;
    if (c.start + c.botSeconds <= now) {
      into.botFinished += 1;
      into.botSecondsSum += c.botSeconds;
    }
    if (!c.wantsAgent || c.enqueueAt === undefined || c.enqueueAt > now) continue;
    into.handedToAgent += 1;
    const point = QUEUES[c.queue]!.routingPoints[c.routingPoint];
    into.byRoutingPoint.set(point, (into.byRoutingPoint.get(point) ?? 0) + 1);
    if (c.assignedAt !== undefined && c.assignedAt + c.firstResponseSeconds <= now) {
      into.reachedAgent += 1;
      into.toAgentSecondsSum += c.assignedAt + c.firstResponseSeconds - c.enqueueAt;
    }
  }
  return into;
}

/** Adds `part` into `total`. */
export function addTally(total: HandoffTally, part: HandoffTally): HandoffTally {
  total.botConversations += part.botConversations;
  total.handedToAgent += part.handedToAgent;
  total.botSecondsSum += part.botSecondsSum;
  total.botFinished += part.botFinished;
  total.toAgentSecondsSum += part.toAgentSecondsSum;
  total.reachedAgent += part.reachedAgent;
  for (const [name, count] of part.byRoutingPoint) total.byRoutingPoint.set(name, (total.byRoutingPoint.get(name) ?? 0) + count);
  return total;
}

/** The `/handoffs` answer for a range from its tally. */
export function handoffReportOf(range: DateRange, tally: HandoffTally): HandoffReport {
  const report: HandoffReport = {
    range,
    botConversations: tally.botConversations,
    handedToAgent: tally.handedToAgent,
    rate: tally.botConversations > 0 ? tally.handedToAgent / tally.botConversations : 0,
    topRoutingPoints: [...tally.byRoutingPoint]
      .map(([name, handoffs]) => ({ name, handoffs }))
      .sort((a, b) => b.handoffs - a.handoffs || a.name.localeCompare(b.name))
      .slice(0, 5),
  };
  if (tally.botFinished > 0) report.averageSecondsOnBot = Math.round(tally.botSecondsSum / tally.botFinished);
  if (tally.reachedAgent > 0) report.averageSecondsToAgent = Math.round(tally.toAgentSecondsSum / tally.reachedAgent);
  return report;
}
