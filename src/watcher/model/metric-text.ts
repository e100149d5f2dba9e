import type { MetricName } from '../../config/schema.js';
import { localized, type Localized } from '../../i18n/index.js';

/**
 * What a metric is called in a message, in supervisors' words and language.
 *
 * @example
 *   metricLabel('queue.waiting', localized('es')); // "Chats en cola"
 */
export function metricLabel(metric: MetricName, { t }: Localized = localized('en')): string {
  return t(`metric.${metric}`);
}

/** A metric's value as supervisors read it: "4m 10s", "92%", "12", "1,5". */
export function formatMetricValue(metric: MetricName, value: number, { fmt }: Localized = localized('en')): string {
  if (metric.endsWith('_seconds')) return fmt.duration(value);
  if (metric === 'agents.utilization' || metric === 'handoffs.rate_today') return fmt.percent(value);
  return Number.isInteger(value) ? fmt.count(value) : new Intl.NumberFormat('en', { maximumFractionDigits: 2 }).format(value);
}
