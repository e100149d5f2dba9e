/**
 * Early warning from the floor's load rather than a figure's own trend: chats arriving against the
 * capacity to answer them. Pure arithmetic over what a vendor reports (chats that reached the
 * queue, chats in progress, free chat slots of available agents, average chat duration); the
 * watcher gathers the figures. A fluid model: no randomness, every chat takes the average time.
 *
 * - Arrivals: `arrivals` chats reached the queue over the last `windowMinutes`: λ a minute.
 * - Capacity: the chats in progress and the free slots, each freeing every `handleSeconds`:
 *   μ = (ongoing + free) / handle a minute at most; the chats in progress alone finish at
 *   μc = ongoing / handle a minute, which is how fast a full floor takes the next waiting chat.
 * - The queue grows at g = λ − μ·(1 + margin) when that is positive (the margin keeps a floor that
 *   only just keeps up from warning); otherwise the load says nothing.
 * - A count (chats waiting) passes `threshold` after (threshold − waiting) / g minutes; a wait
 *   (longest or average) passes it when the queue is long enough that a newcomer waits
 *   `threshold` for the floor to work through it: waiting / μc ≥ threshold.
 * An empty queue says nothing: the demo's tuning days showed that warnings from the load of a
 * floor with nobody waiting mostly do not come true. Tuned in `bench/forecast.ts`.
 */

/** What the vendor says about the floor at one poll, for one queue or the whole source. */
export interface Load {
  /** Chats that reached the queue over the last `windowMinutes`. */
  arrivals: number;
  windowMinutes: number;
  /** Chats waiting now. */
  waiting: number;
  /** Chats in progress with agents now. */
  ongoing: number;
  /** Chats the available agents could take now (sum of their max chats less their chats in progress). */
  freeSlots: number;
  /** Average duration of a chat, in seconds. */
  handleSeconds: number;
}

export interface LoadOptions {
  /** Arrivals must beat the capacity by this share before the load warns (0.3: 30% more than it). */
  margin: number;
}

export const DEFAULT_LOAD: LoadOptions = { margin: 0.3 };

export interface LoadCrossing {
  /** Milliseconds until the threshold is passed at this load (0: a queue already that long). */
  inMs: number;
  /** How fast the figure moves at this load: chats a minute, or seconds of wait a minute. */
  slopePerMinute: number;
}

/**
 * When the load passes `threshold` (`above` rules only; `kind` says whether the figure counts
 * chats or seconds of wait); undefined when the floor keeps up, nobody waits, or the figures
 * cannot say (no window, no duration).
 *
 * @example
 *   // 30 chats in 10 min (3 a minute), 8 in progress and no free slot, 4-minute chats: 2 a minute answered.
 *   loadCrossingOf({ arrivals: 30, windowMinutes: 10, waiting: 4, ongoing: 8, freeSlots: 0, handleSeconds: 240 }, { kind: 'count', direction: 'above', threshold: 10 });
 *   // { inMs: 900000, slopePerMinute: 0.4 }: the queue grows by 3 - 2 x 1.3 = 0.4 a minute, 6 to go
 */
export function loadCrossingOf(
  load: Load,
  rule: { kind: 'count' | 'wait'; direction: 'above' | 'below'; threshold: number },
  options: LoadOptions = DEFAULT_LOAD,
): LoadCrossing | undefined {
  if (rule.direction !== 'above' || load.waiting <= 0) return undefined;
  if (!(load.windowMinutes > 0) || !(load.handleSeconds > 0) || !(load.arrivals >= 0)) return undefined;
  const handleMinutes = Math.max(1, load.handleSeconds / 60);
  const arriving = load.arrivals / load.windowMinutes;
  const capacity = (load.ongoing + Math.max(0, load.freeSlots)) / handleMinutes;
  const growth = arriving - capacity * (1 + options.margin);
  if (!(growth > 0)) return undefined;
  if (rule.kind === 'count') return { inMs: (Math.max(0, rule.threshold - load.waiting) / growth) * 60_000, slopePerMinute: growth };
  const finishing = load.ongoing / handleMinutes;
  if (!(finishing > 0)) return undefined;
  // The queue whose answering takes `threshold` at the rate chats finish.
  const longEnough = (rule.threshold / 60) * finishing;
  return { inMs: (Math.max(0, longEnough - load.waiting) / growth) * 60_000, slopePerMinute: (60 * growth) / finishing };
}
