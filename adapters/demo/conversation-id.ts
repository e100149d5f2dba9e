import { hashInts } from './random.js';

/**
 * Demo conversation ids carry their local day and arrival order: `DEMO-` + `yyMMdd` + a
 * four-digit sequence + a check digit keyed by the seed (`DEMO-24032000417`). A lookup goes
 * straight to that day and that conversation; the check digit turns most typos (and ids of
 * another seed) into "no such chat" instead of someone else's conversation.
 */
export interface ConversationKey {
  /** Local date `YYYY-MM-DD`. */
  date: string;
  /** 1-based arrival order within the day. */
  seq: number;
}

const ID_PATTERN = /^DEMO-(\d{2})(\d{2})(\d{2})(\d{4})(\d)$/i;

export function formatConversationId(seed: number, dayNumber: number, date: string, seq: number): string {
  const compactDate = date.slice(2).replaceAll('-', '');
  return `DEMO-${compactDate}${String(seq).padStart(4, '0')}${checkDigit(seed, dayNumber, seq)}`;
}

/** The day and sequence an id names, or undefined when it is not a demo id at all. */
export function parseConversationId(id: string): (ConversationKey & { check: number }) | undefined {
  const match = ID_PATTERN.exec(id);
  if (!match) return undefined;
  const [, yy, mm, dd, seq, check] = match as unknown as [string, string, string, string, string, string];
  return { date: `20${yy}-${mm}-${dd}`, seq: Number(seq), check: Number(check) };
}

export function checkDigit(seed: number, dayNumber: number, seq: number): number {
  return hashInts(seed, dayNumber, seq, 0x1d) % 10;
}
