import type { Asker } from '../../domain/asker.js';

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
  /** A source giving no figures rather than a rule's threshold. */
  kind?: 'no-figures';
  /** Times it fired again soon after resolving (one incident). */
  reopens?: number;
  flapping?: boolean;
}

/** An acknowledgement's outcome: the alert, and whether this press was the one that acknowledged it. */
export type AckOutcome = AlertView & { first: boolean };

/** What `/alerts` and the alert buttons need from the watcher. */
export interface AlertService {
  firing(): Promise<AlertView[]>;
  /** Undefined when no alert with that id is open (nothing was acknowledged). */
  acknowledge(alertId: string, by: Asker): Promise<AckOutcome | undefined>;
  silence(ruleId: string, durationMs: number, by: Asker): Promise<{ until: string } | undefined>;
  /** Lifts the silence on a rule before it ends; undefined when the rule was not silenced. */
  unsilence(ruleId: string, by: Asker): Promise<{ until: string; by: string } | undefined>;
  silences(): Promise<Array<{ ruleId: string; until: string; by: string }>>;
}
