import type { DateRange, HandoffReport } from '../../src/domain/types.js';
import { roundedMean } from '../../src/util/rounded-mean.js';
import { readSeconds, readYes } from './values.js';
import type { Chat8RowWire } from './wire.js';

/** How many routing points `/handoffs` lists. */
const TOP_ROUTING_POINTS = 5;

/** `/handoffs` over any range from the `chat_8` rows of that range. */
export function buildHandoffReport(range: DateRange, rows: Chat8RowWire[]): HandoffReport {
  const handed = rows.filter((r) => readYes(r.go_to_agent));
  const byRoutingPoint = new Map<string, number>();
  for (const row of handed) {
    const rp = row.rp_id?.trim();
    if (rp) byRoutingPoint.set(rp, (byRoutingPoint.get(rp) ?? 0) + 1);
  }
  const report: HandoffReport = {
    range,
    botConversations: rows.length,
    handedToAgent: handed.length,
    rate: rows.length > 0 ? handed.length / rows.length : 0,
    topRoutingPoints: [...byRoutingPoint]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'en', { numeric: true }))
      .slice(0, TOP_ROUTING_POINTS)
      .map(([rp, handoffs]) => ({ name: `Routing point ${rp}`, handoffs })),
  };
  const onBot = roundedMean(rows.map((r) => readSeconds(r.time_on_chatbot)));
  if (onBot !== undefined) report.averageSecondsOnBot = onBot;
  const toAgent = roundedMean(handed.map((r) => readSeconds(r.asa)));
  if (toAgent !== undefined) report.averageSecondsToAgent = toAgent;
  return report;
}
