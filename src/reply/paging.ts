import { localized, type Translate } from '../i18n/index.js';

const english = localized('en').t;
/** Rows per page of any list a command shows: small enough for every platform's limits. */
export const ROWS_PER_PAGE = 15;

/** One page of a longer list. */
export interface Page<T> {
  items: T[];
  /** 1-based page number actually shown (clamped to the last page). */
  page: number;
  pageCount: number;
  /** Items after this page. */
  remaining: number;
  /** "and 37 more" when items follow this page. */
  footnote?: string;
  /** The next page number, when there is one. */
  nextPage?: number;
}

/**
 * Cuts a list into pages of `perPage` (default 15) so no reply grows unbounded; the caller adds a
 * "Next page" button when `nextPage` is set.
 *
 * @example
 *   const shown = pageOf(agents, 2); // items 16..30, footnote "and 22 more" for 52 agents
 */
export function pageOf<T>(items: readonly T[], page = 1, perPage = ROWS_PER_PAGE, t: Translate = english): Page<T> {
  const pageCount = Math.max(1, Math.ceil(items.length / perPage));
  const current = Math.min(Math.max(1, Math.floor(page)), pageCount);
  const start = (current - 1) * perPage;
  const shown = items.slice(start, start + perPage);
  const remaining = Math.max(0, items.length - start - shown.length);
  return {
    items: shown,
    page: current,
    pageCount,
    remaining,
    footnote: remaining > 0 ? t('context.andMore', { count: remaining }) : undefined,
    nextPage: remaining > 0 ? current + 1 : undefined,
  };
}

/**
 * The first `max` rows and a footnote for the rest, for lists without paging (top-N).
 *
 * @example
 *   const { rows, footnote } = truncateRows(points, 10); // footnote "and 4 more"
 */
export function truncateRows<T>(rows: readonly T[], max = ROWS_PER_PAGE, t: Translate = english): { rows: T[]; footnote?: string } {
  if (rows.length <= max) return { rows: [...rows] };
  return { rows: rows.slice(0, max), footnote: t('context.andMore', { count: rows.length - max }) };
}
