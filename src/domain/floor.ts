/**
 * The live floor as the wallboard page, the Slack Home tab and their relays see it: one board per
 * source, built by the watcher's leader from the poll it just made (never from a viewer's request),
 * published to every replica. It holds figures, queue names and alert summaries only: no agent
 * names, no transcript text, no customer data, no vendor secret.
 */

/** A tile's state, from the same rules as the alerts: shown as a colour and a word. */
export type TileStatus = 'ok' | 'info' | 'warning' | 'critical';

/** One rule's threshold beside the figure it watches on a tile. */
export interface TileTarget {
  /** `queue.waiting`, `agents.available`… */
  metric: string;
  /** "Chats waiting". */
  label: string;
  direction: 'above' | 'below';
  threshold: number;
  severity: 'info' | 'warning' | 'critical';
  /** The figure is past the threshold now. */
  breaching: boolean;
}

/** The figures of one queue (or the whole source) on the page. */
export interface TileFigures {
  waiting?: number;
  longestWaitSeconds?: number;
  averageWaitSeconds?: number;
  abandonedLast30m?: number;
  agentsAvailable?: number;
  /** The totals only: agents signed in. */
  agentsOnline?: number;
  /** The totals only: today's share of chats within the vendor's service level (0..1), when the vendor gives it. */
  serviceLevel?: number;
  ongoingChats?: number;
}

export interface FloorTile {
  /** The queue name as the vendor gives it (shown as text, never markup), or the source's label for the totals. */
  name: string;
  /** The source's totals rather than one queue. */
  total?: boolean;
  figures: TileFigures;
  targets: TileTarget[];
  status: TileStatus;
  /** Chats waiting over the last hour, oldest first (History), for the sparkline. */
  trend: number[];
}

/** An open alert or early warning, in words, for the strip along the top. */
export interface FloorAlert {
  kind: 'alert' | 'warning';
  severity: 'info' | 'warning' | 'critical';
  /** "Chats waiting · Ventas: 14 (above 10)". */
  text: string;
  since: string;
  acknowledged?: boolean;
}

export interface FloorBoard {
  source: string;
  label: string;
  vendor: string;
  timeZone: string;
  /** When the poll ran (ISO, the watcher's clock). */
  polledAt: string;
  /** When the vendor answered the figures shown (ISO); absent when the poll read nothing fresh. */
  dataAsOf?: string;
  /** Epoch ms when the leader published it (real clock): poll-to-page latency is measured from here. */
  publishedAt: number;
  /** False when some figure could not be read on this poll. */
  ok: boolean;
  /** The totals first, then one tile per queue, worst first. */
  tiles: FloorTile[];
  /** Agents by state, from the last agents answer the bot holds (no extra vendor request). */
  agents?: { available: number; busy: number; away: number; offline: number; asOf: string };
  /** Agents needed for the service-level target beside those available (`/staffing`), when known. */
  staffing?: { needed: number; available?: number; target: string };
  alerts: FloorAlert[];
}

/** What travels between replicas: a new board, or the end of every link made so far. */
export type FloorMessage = { type: 'board'; board: FloorBoard } | { type: 'revoked'; generation: number };
