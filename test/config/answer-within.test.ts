import { describe, expect, it } from 'vitest';
import { readSettings } from '../../src/app/settings.js';
import { ANSWER_WITHIN_MS, answerAfter } from '../../src/router/answer-timer.js';

describe('CHATOPS_ANSWER_WITHIN', () => {
  it('is how long a supervisor waits for an answer: a duration, 30 s when unset', async () => {
    expect((await readSettings({ CHATOPS_CONFIG: '', CHATOPS_ANSWER_WITHIN: '45s' })).answerWithinMs).toBe(45_000);
    expect((await readSettings({ CHATOPS_CONFIG: '', CHATOPS_ANSWER_WITHIN: '1m' })).answerWithinMs).toBe(60_000);
    const unset = (await readSettings({ CHATOPS_CONFIG: '' })).answerWithinMs;
    expect(unset).toBeUndefined();
    expect(answerAfter(unset).withinMs).toBe(ANSWER_WITHIN_MS);
    expect(ANSWER_WITHIN_MS).toBe(30_000);
  });

  it('stops the start, saying why, when it is shorter than 5 s or not a duration', async () => {
    await expect(readSettings({ CHATOPS_CONFIG: '', CHATOPS_ANSWER_WITHIN: '2s' })).rejects.toThrow(/CHATOPS_ANSWER_WITHIN must be at least 5s/);
    await expect(readSettings({ CHATOPS_CONFIG: '', CHATOPS_ANSWER_WITHIN: 'soon' })).rejects.toThrow(/CHATOPS_ANSWER_WITHIN must be a duration/);
  });
});
