import { describe, expect, it } from 'vitest';
import { averageSpeedOfAnswer, probabilityOfWaiting, serversNeeded, serviceLevel, staffingFor, trafficIntensity } from '../../src/staffing/erlang-c.js';

/**
 * Published figures:
 * - Call Centre Helper, "Erlang C Formula – Made Simple With an Easy Worked Example"
 *   (callcentrehelper.com/erlang-c-formula-example-121281.htm): 100 calls in 30 minutes,
 *   AHT 180 s, target 80% in 20 s → 10 Erlangs; with 14 agents P(wait) = 17.41%,
 *   service level 88.84%, ASA 7.8 s; 13 agents give 79.56%, so 14 are needed.
 * - Westbay Engineers, "The Erlang-C formula" (erlang.com/calculator/erlc): 360 calls per
 *   half hour, 4 min duration, 55 agents, 15 s target → 48 Erlangs, P(wait) ≈ 24%,
 *   ASA ≈ 8.2 s, service level ≈ 84.6%.
 */
describe('Erlang C against published figures', () => {
  it('the Call Centre Helper example: 14 agents for 80/20, 88.8% at 14 and 79.6% at 13', () => {
    const erlangs = trafficIntensity(100, 1800, 180);
    expect(erlangs).toBe(10);
    expect(probabilityOfWaiting(14, erlangs)).toBeCloseTo(0.1741, 4);
    expect(serviceLevel(14, erlangs, 180, 20)).toBeCloseTo(0.8884, 3);
    expect(serviceLevel(13, erlangs, 180, 20)).toBeCloseTo(0.7956, 3);
    expect(averageSpeedOfAnswer(14, erlangs, 180)).toBeCloseTo(7.8, 1);
    expect(serversNeeded(erlangs, 180, 20, 0.8)).toBe(14);
  });

  it('the Westbay example: 55 agents on 48 Erlangs answer about 84.6% within 15 s', () => {
    const erlangs = trafficIntensity(360, 1800, 240);
    expect(erlangs).toBe(48);
    expect(probabilityOfWaiting(55, erlangs)).toBeCloseTo(0.24, 2);
    expect(averageSpeedOfAnswer(55, erlangs, 240)).toBeCloseTo(8.2, 1);
    expect(serviceLevel(55, erlangs, 240, 15)).toBeCloseTo(0.846, 2);
  });
});

describe('Erlang C at the edges', () => {
  it('no traffic needs nobody and every contact is answered at once', () => {
    expect(serversNeeded(0, 300, 20, 0.8)).toBe(0);
    expect(probabilityOfWaiting(3, 0)).toBe(0);
    expect(serviceLevel(0, 0, 300, 20)).toBe(1);
  });

  it('as many servers as Erlangs or fewer cannot keep up: everyone waits, nobody within target', () => {
    expect(probabilityOfWaiting(10, 10)).toBe(1);
    expect(serviceLevel(9, 10, 180, 20)).toBe(0);
    expect(averageSpeedOfAnswer(10, 10, 180)).toBe(Infinity);
  });

  it('stays finite for a large floor (no A^N/N! overflow)', () => {
    const wait = probabilityOfWaiting(400, 380);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThan(1);
    expect(serversNeeded(380, 300, 20, 0.8)).toBeGreaterThan(380);
  });

  it('a higher target never needs fewer agents', () => {
    const targets = [0.5, 0.7, 0.8, 0.9, 0.95, 0.99];
    const needed = targets.map((t) => serversNeeded(25, 240, 20, t));
    expect(needed).toEqual([...needed].sort((a, b) => a - b));
  });
});

describe('staffing for chats', () => {
  it('an agent with 3 chat slots covers 3 servers: 14 slots are 5 agents', () => {
    const staffing = staffingFor({ arrivals: 100, periodSeconds: 1800, handleSeconds: 180, target: 0.8, targetSeconds: 20, concurrency: 3 }, 4);
    expect(staffing.slots).toBe(14);
    expect(staffing.agents).toBe(5);
    expect(staffing.serviceLevel).toBeCloseTo(0.8884, 3);
    // 4 agents are 12 slots: 64% within 20 s.
    expect(staffing.serviceLevelWithAvailable).toBeCloseTo(serviceLevel(12, 10, 180, 20), 6);
    expect(staffing.serviceLevelWithAvailable!).toBeLessThan(0.8);
  });

  it('one chat at a time is plain Erlang C', () => {
    expect(staffingFor({ arrivals: 100, periodSeconds: 1800, handleSeconds: 180, target: 0.8, targetSeconds: 20, concurrency: 1 }).agents).toBe(14);
  });
});
