import type { Asker } from '../router/types.js';

export type AlertPhase = 'pending' | 'firing' | 'acknowledged' | 'resolved';

export interface AlertView {
  id: string;
  ruleId: string;
  source: string;
  metric: string;
  phase: AlertPhase;
  severity: 'info' | 'warning' | 'critical';
  value: number;
  peak: number;
  threshold: number;
  direction: 'above' | 'below';
  since: string;
  acknowledgedBy?: string;
  queue?: string;
}

/** What `/alerts` and the alert buttons need from the watcher. */
export interface AlertService {
  firing(): Promise<AlertView[]>;
  acknowledge(alertId: string, by: Asker): Promise<AlertView | undefined>;
  silence(ruleId: string, durationMs: number, by: Asker): Promise<{ until: string } | undefined>;
  silences(): Promise<Array<{ ruleId: string; until: string; by: string }>>;
}
