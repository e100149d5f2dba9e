import type { ReplyChart } from './chart.js';

/**
 * A platform-neutral answer. Commands build one; Slack renders it as Block Kit, Teams as an
 * Adaptive Card, the console as text. Renderers enforce their platform's limits; commands keep
 * lists bounded themselves (see `truncateRows`) so nothing is cut silently.
 *
 * @example
 *   const reply: Reply = {
 *     title: 'Queue — Bogotá',
 *     summary: '12 waiting · longest 4m 10s',
 *     table: { columns: ['Queue', 'Waiting', 'Longest'], rows: [['Sales', '8', '4m 10s']] },
 *     context: { source: 'Bogotá (wolkvox)', asOf: '2026-11-21T14:02:00.000Z' },
 *   };
 */
export interface Reply {
  title: string;
  /** One line under the title: the answer in a sentence. */
  summary?: string;
  /** Label/value pairs (rendered as fields; at most 10 per group on Slack). */
  fields?: ReplyField[];
  /** One table; renderers draw it as monospace text or a grid. */
  table?: ReplyTable;
  /** Free sections with a heading and markdown-light text (`*bold*`, `_italic_`, line breaks). */
  sections?: ReplySection[];
  buttons?: ReplyButton[];
  context?: ReplyContext;
  /** How the answer may be shown. */
  visibility?: Visibility;
  /** Tone for colour hints (alerts, errors). */
  tone?: 'normal' | 'good' | 'warning' | 'danger';
  /** A chart as data; each platform draws it its own way (see `ReplyChart`). */
  chart?: ReplyChart;
  /** A form to fill in (a Slack modal, a Teams card with inputs; text elsewhere); see `form.ts`. */
  form?: ReplyForm;
  /**
   * The reply tells what an action did (an acknowledgement, a silence): it is never offered for
   * sharing, since sharing re-runs its command and would do the action again.
   */
  actionResult?: boolean;
  /**
   * The language the reply is written in (a locale tag: `es`, `pt-BR`); renderers write their own
   * fixed words (the context line, buttons they add) in it. Absent means English.
   */
  locale?: string;
}

/**
 * - `public`: may be shared in a channel (phone numbers are masked by the command already).
 * - `private`: only for the asker (transcripts): never "Share in channel"; on Teams, sent to the
 *   asker's 1:1 chat when asked in a channel.
 */
export type Visibility = 'public' | 'private';

/**
 * A form: its fields with their current values; submitted, it comes back to the router as the
 * command text `<submit> "name=value" …` (`formSubmission`), so access, limits and audit stay the
 * router's. A submission that does not check comes back as the same form with `errors` by field.
 */
export interface ReplyForm {
  title: string;
  submit: string;
  submitLabel: string;
  fields: ReplyFormField[];
  /** Field name -> what is wrong with the value submitted. */
  errors?: Record<string, string>;
}

export interface ReplyFormField {
  name: string;
  label: string;
  value?: string;
  hint?: string;
  optional?: boolean;
}

export interface ReplyField {
  label: string;
  value: string;
}

export interface ReplyTable {
  columns: string[];
  rows: string[][];
  /** "and 37 more" line when rows were cut. */
  footnote?: string;
  /** What each column holds, by position (unset: text or figures); renderers lay them out by it. */
  kinds?: Array<ColumnKind | undefined>;
}

/**
 * - `id`: identifiers people copy into a command (chat ids): never cut or broken, so renderers
 *   give them a line of their own under the row rather than a narrow column.
 * - `trend`: a text sparkline; a platform that draws the reply's chart leaves it out.
 */
export type ColumnKind = 'id' | 'trend';

export interface ReplySection {
  heading?: string;
  text: string;
}

/**
 * A button. `run` re-runs a command text (refresh, next page); `share` posts the reply for the
 * channel; `ack` / `silence` act on an alert (value: alert id, or `rule:duration`); `open` opens
 * the address in `value` (a link the bot made itself, such as a wallboard's) and never reaches the router.
 */
export interface ReplyButton {
  label: string;
  action: 'run' | 'share' | 'ack' | 'silence' | 'open';
  value: string;
  style?: 'primary' | 'danger';
}

export interface ReplyContext {
  /** "Bogotá (wolkvox)". */
  source?: string;
  /** When the data was fetched from the vendor. */
  asOf?: string;
  /** Set when the data is older than asked for: "vendor quota spent for today". */
  staleReason?: string;
  /** Any extra note ("page 2 of 3"). */
  note?: string;
  /** IANA zone of the source, so renderers can show `asOf` as the operation's clock time. */
  timeZone?: string;
}

export type { ChartMarker, ChartSeries, ReplyChart } from './chart.js';

/**
 * `*bold*` in markdown-light section text: a pair of single asterisks around words, not inside a
 * word and not part of `**` (so a masked phone, `+57 *** *** *234`, is no bold). Group 1 is what
 * stands before it, group 2 the words.
 */
export const LIGHT_BOLD = /(^|[^*\w])\*([^*\n]+?)\*(?![*\w])/g;
/** `_italic_` in markdown-light section text, by the same rules. */
export const LIGHT_ITALIC = /(^|[^_\w])_([^_\n]+?)_(?![_\w])/g;
