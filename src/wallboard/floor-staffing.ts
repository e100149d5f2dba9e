import { DateTime } from 'luxon';
import type { AgentStatus, DayStats } from '../domain/types.js';
import { formatDuration, formatPercent } from '../reply/format.js';
import { arrivalsWindow } from '../staffing/arrivals-window.js';
import { staffingFor } from '../staffing/erlang-c.js';

/** The source's `staffing:` settings (percent, milliseconds, chats per agent), as `/staffing` reads them. */
export interface StaffingSettings {
  target?: number;
  answerWithin?: number;
  concurrency?: number;
}

/** Fewer minutes of today than this and the arrival rate means little (as `/staffing` says). */
const MIN_WINDOW_MINUTES = 15;

/**
 * Agents needed now for the source's service-level target beside those working, as `/staffing`
 * computes it (Erlang C over chat slots, the last hour's arrivals, today's average chat), from
 * answers the bot already holds: undefined when it holds too little to say.
 *
 * @example
 *   floorStaffing(day, agents, {}, new Date(), 'America/Bogota'); // { needed: 6, available: 4, target: '80% answered within 20s' }
 */
export function floorStaffing(
  day: DayStats,
  agents: readonly AgentStatus[] | undefined,
  settings: StaffingSettings,
  now: Date,
  timeZone: string,
): { needed: number; available?: number; target: string } | undefined {
  const window = arrivalsWindow(day, DateTime.fromJSDate(now, { zone: timeZone }));
  const handleSeconds = day.averageChatSeconds;
  if (!window || window.minutes < MIN_WINDOW_MINUTES || !handleSeconds || handleSeconds <= 0) return undefined;
  const working = agents?.filter((a) => a.state === 'available' || a.state === 'busy');
  const capacities = (working ?? [])
    .map((a) => a.maxChats)
    .filter((c): c is number => c !== undefined && c > 0)
    .sort((a, b) => a - b);
  const target = (settings.target ?? 80) / 100;
  const withinSeconds = (settings.answerWithin ?? 20_000) / 1000;
  const staffing = staffingFor({
    arrivals: window.arrivals,
    periodSeconds: window.minutes * 60,
    handleSeconds,
    target,
    targetSeconds: withinSeconds,
    concurrency: settings.concurrency ?? capacities[Math.floor(capacities.length / 2)] ?? 1,
  });
  return {
    needed: staffing.agents,
    ...(working ? { available: working.length } : {}),
    target: `${formatPercent(target)} answered within ${formatDuration(withinSeconds)}`,
  };
}
