/**
 * Erlang C (M/M/N queue): how many agents a queue needs to answer a share of its contacts within
 * a target time. Pure functions, no I/O.
 *
 * Chat concurrency: an agent works several chats at once, so the servers of the queue are chat
 * *slots*, not agents. We run Erlang C over slots with the chat duration as measured (which already
 * includes the slowdown of multitasking) and divide by the concurrency: agents = ceil(slots / c).
 * Shrinking the handle time instead (AHT / c over N agents) would treat an agent as one fast server
 * and understate how a chat waits only when every slot of every agent is taken.
 */

/** Traffic intensity in Erlangs: arrivals per second x average handle time in seconds. */
export function trafficIntensity(arrivals: number, periodSeconds: number, handleSeconds: number): number {
  if (!(periodSeconds > 0)) throw new RangeError('the period must be longer than zero');
  return (Math.max(0, arrivals) / periodSeconds) * Math.max(0, handleSeconds);
}

/**
 * Probability that a contact has to wait (Erlang C) with `servers` servers and `erlangs` of
 * traffic. 1 when the servers cannot keep up (servers <= traffic). Computed through the Erlang B
 * recursion, which stays finite for hundreds of servers where A^N/N! would overflow.
 */
export function probabilityOfWaiting(servers: number, erlangs: number): number {
  if (erlangs <= 0) return 0;
  if (!Number.isInteger(servers) || servers <= erlangs) return 1;
  let blocking = 1;
  for (let k = 1; k <= servers; k++) blocking = (erlangs * blocking) / (k + erlangs * blocking);
  return (servers * blocking) / (servers - erlangs * (1 - blocking));
}

/** Share of contacts answered within `targetSeconds`: 1 - P(wait) · e^{-(N-A)·t/AHT}. */
export function serviceLevel(servers: number, erlangs: number, handleSeconds: number, targetSeconds: number): number {
  if (erlangs <= 0) return 1;
  if (servers <= erlangs) return 0;
  const wait = probabilityOfWaiting(servers, erlangs);
  return 1 - wait * Math.exp((-(servers - erlangs) * targetSeconds) / handleSeconds);
}

/** Average speed of answer in seconds: P(wait) · AHT / (N - A); Infinity when overloaded. */
export function averageSpeedOfAnswer(servers: number, erlangs: number, handleSeconds: number): number {
  if (erlangs <= 0) return 0;
  if (servers <= erlangs) return Infinity;
  return (probabilityOfWaiting(servers, erlangs) * handleSeconds) / (servers - erlangs);
}

/** The fewest servers whose service level reaches `target` (0..1). 0 when there is no traffic. */
export function serversNeeded(erlangs: number, handleSeconds: number, targetSeconds: number, target: number): number {
  if (erlangs <= 0) return 0;
  if (!(target < 1)) throw new RangeError('a service-level target must be below 100%');
  let servers = Math.floor(erlangs) + 1;
  while (serviceLevel(servers, erlangs, handleSeconds, targetSeconds) < target) servers++;
  return servers;
}

export interface StaffingInput {
  /** Contacts that arrived in the period. */
  arrivals: number;
  periodSeconds: number;
  /** Average handle time of one contact (a chat's duration), in seconds. */
  handleSeconds: number;
  /** Share to answer within `targetSeconds`, 0..1 (0.8). */
  target: number;
  targetSeconds: number;
  /** Contacts an agent works at once (1 for calls). */
  concurrency: number;
}

export interface Staffing {
  erlangs: number;
  /** Chat slots (servers) Erlang C needs. */
  slots: number;
  /** Agents needed: ceil(slots / concurrency). */
  agents: number;
  /** Service level the needed slots give. */
  serviceLevel: number;
  /** Service level the given agents would give (when `agentsAvailable` was passed). */
  serviceLevelWithAvailable?: number;
}

/**
 * Agents needed for a target, by Erlang C over chat slots.
 *
 * @example
 *   staffingFor({ arrivals: 100, periodSeconds: 1800, handleSeconds: 180, target: 0.8, targetSeconds: 20, concurrency: 1 });
 *   // { erlangs: 10, slots: 14, agents: 14, serviceLevel: 0.867… }
 */
export function staffingFor(input: StaffingInput, agentsAvailable?: number): Staffing {
  const concurrency = Math.max(1, Math.floor(input.concurrency));
  const erlangs = trafficIntensity(input.arrivals, input.periodSeconds, input.handleSeconds);
  const slots = serversNeeded(erlangs, input.handleSeconds, input.targetSeconds, input.target);
  const result: Staffing = {
    erlangs,
    slots,
    agents: Math.ceil(slots / concurrency),
    serviceLevel: serviceLevel(slots, erlangs, input.handleSeconds, input.targetSeconds),
  };
  if (agentsAvailable !== undefined)
    result.serviceLevelWithAvailable = serviceLevel(agentsAvailable * concurrency, erlangs, input.handleSeconds, input.targetSeconds);
  return result;
}
