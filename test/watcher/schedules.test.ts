import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/logger.js';
import { onClockCron, type Scheduled } from '../../src/watcher/poll/schedules.js';
import { eventually } from '../support/eventually.js';

/** A clock the test moves by hand; it counts the scheduler's looks so the test can wait for them. */
function handClock(startIso: string) {
  let t = Date.parse(startIso);
  let looks = 0;
  return {
    now: () => {
      looks += 1;
      return new Date(t);
    },
    set: (iso: string) => void (t = Date.parse(iso)),
    /**
     * Resolves after two more looks: the first saw the clock as set, and the second happens only
     * once the runs the first found due have finished (a look is skipped while a run is busy).
     */
    async looked(): Promise<void> {
      const from = looks;
      await eventually(() => looks >= from + 2, 'two more looks at the clock');
    },
  };
}

describe('summaries on an injected clock', () => {
  let task: Scheduled | undefined;
  afterEach(() => task?.stop());

  it('runs a slot once, when the clock passes it in its time zone, not again for the rest of its minute', async () => {
    const clock = handClock('2023-01-27T17:29:59.000Z'); // 18:29:59 in Budapest, a Friday
    const runs: string[] = [];
    task = onClockCron({
      expression: '30 18 * * 1-5',
      timeZone: 'Europe/Budapest',
      tickMs: 5,
      now: clock.now,
      name: 'summary:evening',
      run: async (at) => void runs.push(at.toISOString()),
      logger: silentLogger(),
    });

    await clock.looked();
    expect(runs).toEqual([]);

    clock.set('2023-01-27T17:30:00.400Z');
    await clock.looked();
    expect(runs).toEqual(['2023-01-27T17:30:00.000Z']);

    clock.set('2023-01-27T17:45:00.000Z');
    await clock.looked();
    expect(runs).toEqual(['2023-01-27T17:30:00.000Z']);
  });

  it('skips the weekend and runs on Monday, even when the clock jumps there', async () => {
    const clock = handClock('2023-01-27T18:00:00.000Z');
    const runs: string[] = [];
    task = onClockCron({
      expression: '30 18 * * 1-5',
      timeZone: 'Europe/Budapest',
      tickMs: 5,
      now: clock.now,
      name: 'summary:evening',
      run: async (at) => void runs.push(at.toISOString()),
      logger: silentLogger(),
    });

    clock.set('2023-01-28T17:35:00.000Z'); // Saturday 18:35
    await clock.looked();
    clock.set('2023-01-30T17:30:30.000Z'); // Monday 18:30:30
    await clock.looked();
    expect(runs).toEqual(['2023-01-30T17:30:00.000Z']);
  });
});
