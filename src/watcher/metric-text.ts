import type { MetricName } from '../config/schema.js';
import { formatCount, formatDuration, formatPercent } from '../reply/format.js';

/** What each metric is called in a message, in supervisors' words. */
export const METRIC_LABELS: Record<MetricName, string> = {
  'queue.waiting': 'Chats waiting',
  'queue.longest_wait_seconds': 'Longest wait',
  'queue.avg_wait_seconds': 'Average wait',
  'queue.abandoned_30m': 'Abandoned (last 30 min)',
  'agents.online': 'Agents online',
  'agents.available': 'Agents available',
  'agents.utilization': 'Agent utilization',
  'chats.ongoing': 'Chats in progress',
  'chats.unanswered': 'Unanswered chats',
  'sla.breaches_today': 'SLA breaches today',
  'chats.missed_today': 'Missed chats today',
  'handoffs.rate_today': 'Bot-to-agent handoff rate today',
};

/** A metric's value as supervisors read it: "4m 10s", "92%", "12". */
export function formatMetricValue(metric: MetricName, value: number): string {
  if (metric.endsWith('_seconds')) return formatDuration(value);
  if (metric === 'agents.utilization' || metric === 'handoffs.rate_today') return formatPercent(value);
  return Number.isInteger(value) ? formatCount(value) : String(Math.round(value * 100) / 100);
}
