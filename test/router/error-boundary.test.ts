import { describe, expect, it } from 'vitest';
import { VendorError, defaultUserMessage } from '../../src/domain/errors.js';
import { createMetrics } from '../../src/metrics/metrics.js';
import { QuotaSpentError } from '../../src/quota/quota-gate.js';
import { SUPERVISOR, collectingLogger, countingAdapter, sourceFor, type FakeData, routerOver } from '../support/router-kit.js';

function setup(data: FakeData, capabilities?: Parameters<typeof countingAdapter>[2]) {
  const { logger, lines } = collectingLogger();
  const metrics = createMetrics();
  const router = routerOver([sourceFor(countingAdapter('bogota', data, capabilities), 'Bogotá')], { logger, metrics });
  const outcomes = async () => (await metrics.commands.get()).values.filter((v) => v.value > 0).map((v) => `${v.labels.command}:${v.labels.outcome}`);
  return { lines, outcomes, ask: (text: string) => router.handle({ text, asker: SUPERVISOR, venue: 'channel' }) };
}

const refused = new VendorError({
  kind: 'refused',
  reason: 'auth',
  source: 'bogota',
  vendor: 'wolkvox',
  endpoint: 'real_time.php?api=skills',
  status: 403,
  userMessage: defaultUserMessage('wolkvox', 'auth'),
  detail: '403 PLEASE VALIDATE TOKEN',
});

describe('the error boundary', () => {
  it("turns a vendor refusal into the vendor error's sentence and logs the detail as a warning", async () => {
    const { ask, lines } = setup({ failWith: refused });
    const reply = await ask('/queue');
    expect(reply.summary).toBe("wolkvox did not accept the bot's credentials. Ask your administrator to check the API token in the configuration.");
    expect(reply.visibility).toBe('private');
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 40, command: 'queue', vendorError: expect.objectContaining({ reason: 'auth', detail: '403 PLEASE VALIDATE TOKEN' }) }),
    );
  });

  it('turns an outage into a sentence that says to try again', async () => {
    const down = new VendorError({
      kind: 'unavailable',
      reason: 'timeout',
      source: 'bogota',
      vendor: 'comm100',
      userMessage: defaultUserMessage('comm100', 'timeout'),
      detail: 'timed out after 10 s',
    });
    const { ask } = setup({ failWith: down });
    expect((await ask('/agents')).summary).toBe('comm100 took too long to answer. Try again in a minute.');
  });

  it('turns a spent quota with nothing cached into its sentence', async () => {
    const { ask } = setup({ failWith: new QuotaSpentError('wolkvox:0032:ab12', 'wolkvox') });
    expect((await ask('/today')).summary).toBe(
      'The wolkvox API quota for today is spent, and there is no earlier answer to show. Figures will be back after midnight (operation time).',
    );
  });

  it('says a capability the vendor lacks is "not available for" that vendor', async () => {
    const { ask, outcomes } = setup({}, { vendor: 'comm100', capabilities: ['queue'] });
    const reply = await ask('/handoffs');
    expect(reply.summary).toBe('This is not available for comm100 (source Bogotá).');
    // The vendor did nothing wrong: /metrics must not count it as a vendor error.
    expect(await outcomes()).toEqual(['handoffs:not_available']);
  });

  it('answers a bug with a neutral sentence and logs it as an error with the command name, phones masked', async () => {
    const { ask, lines } = setup({ failWith: new TypeError('cannot read customer +57 300 123 4412') });
    const reply = await ask('/queue');
    expect(reply.summary).toBe('Something went wrong; it has been logged.');
    const logged = lines.find((l) => l.level === 50);
    expect(logged).toMatchObject({ command: 'queue' });
    expect(JSON.stringify(logged)).not.toContain('4412 ');
    expect(JSON.stringify(logged)).toContain('+57 *** *** *412');
  });

  it('answers even when a handler throws something that is not an Error', async () => {
    const { ask } = setup({ failWith: 'a string' });
    expect((await ask('/queue')).summary).toBe('Something went wrong; it has been logged.');
  });
});
