import { DateTime } from 'luxon';

/**
 * The local day a wolkvox conversation id points at, when it carries one. Many operations get
 * ids that start with the moment the conversation began, `YYYYmmddHHiiss` in local time
 * (`20231120145501` began on 2023-11-20); others get plain counters (`8731245`), which carry no
 * date. This is the only place that guesses: correct it here when a live account shows otherwise.
 *
 * @example
 *   dayOfConnId('20231120145501') // '2023-11-20'
 *   dayOfConnId('8731245')        // undefined
 */
export function dayOfConnId(connId: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})\d*$/.exec(connId);
  if (!m) return undefined;
  const [, year, month, day, hour, minute, second] = m.map(Number) as number[];
  if (year! < 2000 || year! > 2100) return undefined;
  const at = DateTime.fromObject({ year, month, day, hour, minute, second });
  return at.isValid ? at.toISODate()! : undefined;
}
