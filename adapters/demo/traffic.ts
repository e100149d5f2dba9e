import { DAY_HOURS, NIGHT_RATE_PER_MINUTE, PEAK_RATE_PER_MINUTE, QUEUES, type DemoChannel, type QueueIndex } from './operation.js';
import { exponential, logNormal, poisson, rngFor, type Rng } from './random.js';

/** One conversation as it arrives; the simulation fills in what happens to it. */
export interface Arrival {
  /** 1-based order of arrival in the local day: the sequence part of the conversation id. */
  seq: number;
  queue: QueueIndex;
  channel: DemoChannel;
  /** Seconds after local midnight. */
  start: number;
  viaBot: boolean;
  /** Seconds with the bot before it hands over or closes (0 without bot). */
  botSeconds: number;
  /** The bot routes it to agents (false: the bot settles it). */
  wantsAgent: boolean;
  routingPoint: 0 | 1;
  /** How long the customer will wait in the queue before leaving. */
  patienceSeconds: number;
  handleSeconds: number;
  /** Seconds from assignment to the agent's first message. */
  firstResponseSeconds: number;
  /** Share of the handle time after which the agent transfers the chat, when they do. */
  transferAt?: number;
}

/**
 * A conversation with what happened to it; the simulation fills in the outcome. Times are
 * seconds after local midnight. Every field exists from creation: one object shape keeps the
 * simulation's loops fast.
 */
export interface SimConversation extends Arrival {
  outcome: 'bot' | 'answered' | 'abandoned' | 'missed';
  /** When it entered an agent queue (after the bot, or at once for direct queues). */
  enqueueAt: number | undefined;
  assignedAt: number | undefined;
  /** Index of the agent who took it. */
  agent: number | undefined;
  transferredAt: number | undefined;
  /** Index of the agent it was transferred to. */
  transferTo: number | undefined;
  /** When the conversation closed (bot done, customer left, timed out, agent finished). */
  endAt: number;
}

/** The day's traffic knobs drawn from (seed, day): volume, busy-hour position, one surge. */
interface DayShape {
  open: number;
  close: number;
  peak: number;
  factor: number;
  peakHour: number;
  surge?: { from: number; to: number; queue: QueueIndex; extra: number };
}

function dayShape(seed: number, dayNumber: number, weekday: number): DayShape {
  const rng = rngFor(seed, dayNumber, 0x5a4e);
  const [open, close] = DAY_HOURS[weekday] as readonly [number, number];
  const shape: DayShape = {
    open,
    close,
    peak: PEAK_RATE_PER_MINUTE[weekday] as number,
    factor: 0.88 + rng.next() * 0.24,
    peakHour: 11.35 + (rng.next() - 0.5) * 0.6,
  };
  // Some days bring an unplanned surge on one queue (an outage, a campaign): alerts outside
  // the busy hour now and then.
  if (rng.chance(0.4)) {
    const from = (open + 1.5 + rng.next() * (close - open - 3)) * 60;
    shape.surge = { from, to: from + rng.int(20, 40), queue: rng.pick([0, 1, 2] as QueueIndex[]), extra: 1.6 + rng.next() * 1.4 };
  }
  return shape;
}

/** Expected conversations per minute at a local hour (fractional): never below the night's trickle. */
function rateAt(shape: DayShape, hour: number): number {
  if (hour < shape.open || hour >= shape.close) return NIGHT_RATE_PER_MINUTE;
  return Math.max(NIGHT_RATE_PER_MINUTE, dayRateAt(shape, hour));
}

function dayRateAt(shape: DayShape, hour: number): number {
  const morning = Math.exp(-((hour - shape.peakHour) ** 2) / (2 * 0.85 ** 2));
  const afternoon = 0.55 * Math.exp(-((hour - 15.5) ** 2) / (2 * 1.3 ** 2));
  const ramp = Math.min(1, 0.35 + (hour - shape.open) * 1.3);
  const evening = hour > shape.close - 2 ? 0.5 + (shape.close - hour) / 4 : 1;
  return shape.peak * shape.factor * (0.2 + 0.8 * Math.max(morning, afternoon)) * ramp * evening;
}

/** Every conversation of a local day in arrival order. Pure in (seed, day). */
export function arrivalsOfDay(seed: number, dayNumber: number, weekday: number): SimConversation[] {
  const shape = dayShape(seed, dayNumber, weekday);
  const arrivals: SimConversation[] = [];
  for (let minute = 0; minute < 1440; minute += 1) {
    const rng = rngFor(seed, dayNumber, minute);
    const base = rateAt(shape, minute / 60);
    const count = poisson(rng, base);
    const seconds: number[] = [];
    for (let i = 0; i < count; i += 1) seconds.push(rng.int(0, 59));
    seconds.sort(ascending);
    for (const second of seconds) {
      arrivals.push(conversation(seed, dayNumber, arrivals.length + 1, minute * 60 + second, rng.next()));
    }
    const surge = shape.surge;
    if (surge && minute >= surge.from && minute < surge.to) {
      const extra = poisson(rng, base * (surge.extra - 1) * QUEUES[surge.queue]!.share);
      for (let i = 0; i < extra; i += 1) {
        arrivals.push(conversation(seed, dayNumber, arrivals.length + 1, minute * 60 + rng.int(0, 59), rng.next(), surge.queue));
      }
    }
  }
  // Surge arrivals were appended per minute; keep the ids in time order.
  arrivals.sort((a, b) => a.start - b.start || a.seq - b.seq);
  arrivals.forEach((arrival, i) => (arrival.seq = i + 1));
  return arrivals;
}

function conversation(seed: number, dayNumber: number, seq: number, start: number, salt: number, forced?: QueueIndex): SimConversation {
  const rng = rngFor(seed, dayNumber, 0xc0, Math.floor(salt * 2 ** 31), start);
  const queue = forced ?? pickQueue(rng);
  const def = QUEUES[queue]!;
  const channel = pickWeighted(rng, def.channels);
  const botSeconds = def.viaBot ? Math.max(40, Math.round(35 + exponential(rng, 70))) : 0;
  const settledByBot = def.viaBot && rng.chance(def.botResolves);
  return {
    seq,
    queue,
    channel,
    start,
    viaBot: def.viaBot,
    botSeconds,
    wantsAgent: !settledByBot,
    routingPoint: rng.chance(0.7) ? 0 : 1,
    patienceSeconds: Math.round(40 + exponential(rng, 420)),
    handleSeconds: Math.round(Math.min(45 * 60, Math.max(90, logNormal(rng, def.handleMedianMinutes * 60, 0.5)))),
    firstResponseSeconds: rng.int(6, 40),
    transferAt: rng.chance(0.04) ? 0.3 + rng.next() * 0.3 : undefined,
    outcome: 'bot',
    enqueueAt: undefined,
    assignedAt: undefined,
    agent: undefined,
    transferredAt: undefined,
    transferTo: undefined,
    endAt: start + botSeconds,
  };
}

function ascending(a: number, b: number): number {
  return a - b;
}

function pickQueue(rng: Rng): QueueIndex {
  let draw = rng.next();
  for (let i = 0; i < QUEUES.length; i += 1) {
    draw -= QUEUES[i]!.share;
    if (draw < 0) return i as QueueIndex;
  }
  return 0;
}

function pickWeighted<T>(rng: Rng, options: ReadonlyArray<readonly [T, number]>): T {
  let draw = rng.next();
  for (const [value, weight] of options) {
    draw -= weight;
    if (draw < 0) return value;
  }
  return options[0]![0];
}
