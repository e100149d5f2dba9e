import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSources } from '../../src/app/build-sources.js';
import { parseConfigText } from '../../src/config/load.js';
import { silentLogger } from '../../src/log/logger.js';
import { renderBlocks } from '../../src/platforms/slack/render-blocks.js';
import { renderCard } from '../../src/platforms/teams/render-card.js';
import { maskContacts, maskEmails } from '../../src/privacy/mask-email.js';
import { maskPhone, maskPhones } from '../../src/privacy/mask-phone.js';
import { createRedisQuotaGate } from '../../src/quota/index.js';
import type { QuotaGate } from '../../src/quota/quota-gate.js';
import { renderText } from '../../src/reply/render-text.js';
import { startFakeWolkvox, type FakeWolkvox } from '../fakes/fake-wolkvox.js';
import { deleteKeys, REDIS_URL, uniquePrefix } from '../support/redis-kit.js';
import { routerOver } from '../support/router-kit.js';

/** Zeros of the digit scripts customers type in: ASCII, Arabic-Indic, Eastern Arabic-Indic, Devanagari, full-width. */
const ZEROS = [0x30, 0x660, 0x6f0, 0x966, 0xff10];
const inScript = (digits: string, zero: number) => [...digits].map((d) => String.fromCodePoint(zero + Number(d))).join('');
/** Every decimal digit of any script as 0-9, everything else dropped: what a reader could dial. */
const dialable = (text: string) =>
  [...text.normalize('NFKC')]
    .map((ch) => {
      if (!/\p{Nd}/u.test(ch)) return '';
      const zero = ZEROS.find((z) => ch.codePointAt(0)! >= z && ch.codePointAt(0)! < z + 10);
      return zero === undefined ? ch : String(ch.codePointAt(0)! - zero);
    })
    .join('');

describe('phone numbers however they are written', () => {
  it.each([
    ['en dashes', '300–444–5566', '***–***–*566'],
    ['em dashes', '300—444—5566', '***—***—*566'],
    ['minus signs', '300−444−5566', '***−***−*566'],
    ['non-breaking hyphens', '300‑444‑5566', '***‑***‑*566'],
    ['slashes', '300/777/8899', '***/***/*899'],
    ['full-width slashes', '300／777／8899', '***／***／*899'],
    ['full-width digits', '３００２２２３３４４', '*** *** *344'],
    ['Arabic-Indic digits', '٣٠٠١٢٣٤٤١٢', '*** *** *412'],
    ['Eastern Arabic-Indic digits', '۳۰۰۱۲۳۴۴۱۲', '*** *** *412'],
    ['Devanagari digits', '३००१२३४४१२', '*** *** *412'],
    ['thin spaces', '300\u2009123\u20094412', '***\u2009***\u2009*412'],
    ['ideographic spaces', '300\u3000123\u30004412', '***\u3000***\u3000*412'],
    ['zero-width spaces', '300\u200b123\u200b4412', '***\u200b***\u200b*412'],
    ['no-break spaces and +', '+57\u00a0300\u00a0123\u00a04412', '+57\u00a0***\u00a0***\u00a0*412'],
    ['a full-width plus', '＋５７ ３００ １２３ ４４１２', '＋５７ *** *** *４１２'],
  ])('masks one written with %s', (_label, written, masked) => {
    expect(maskPhones(`mi número es ${written}, gracias`)).toBe(`mi número es ${masked}, gracias`);
  });

  it('still leaves dates, times and addresses alone, in any script', () => {
    for (const text of ['20/01/2023 10:00', '2023/01/20', '２０２３／０１／２０', '٢٠٢٣-٠١-٢٠', 'from 192.168.10.100', 'order 12345', '１／２'])
      expect(maskPhones(text)).toBe(text);
  });

  it('masks a 10-digit number in any script, joined by any separator, wherever it stands (property)', () => {
    const separator = fc.constantFrom('', ' ', '-', '–', '—', '−', '/', '／', '.', '\u00a0', '\u2009', '\u3000', '\u200b');
    fc.assert(
      fc.property(
        fc.stringMatching(/^3[0-9]{9}$/),
        fc.constantFrom(...ZEROS),
        separator,
        fc.string({ maxLength: 20 }),
        fc.string({ maxLength: 20 }),
        (digits, zero, sep, before, after) => {
          const written = [digits.slice(0, 3), digits.slice(3, 6), digits.slice(6)].map((g) => inScript(g, zero)).join(sep);
          const text = `${before.replace(/\p{N}/gu, '')} ${written} ${after.replace(/\p{N}/gu, '')}`;
          expect(dialable(maskPhones(text))).not.toContain(digits.slice(-7));
          expect(maskPhones(maskPhones(text))).toBe(maskPhones(text));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('masks a customer phone field written in full-width digits', () => {
    expect(dialable(maskPhone('＋５７３００２２２３３４４'))).toBe('57344');
  });
});

describe('e-mail addresses', () => {
  it.each([
    ['ana.gomez@example.com', 'a***@***.com'],
    ['José.Pérez@correo.com.co', 'J***@***.co'],
    ['ANA＠ejemplo．co', 'A***@***.co'],
    ['x.y+z@sub.mail.example.org', 'x***@***.org'],
  ])('masks %s', (address, masked) => {
    expect(maskEmails(`escríbeme a ${address}!`)).toBe(`escríbeme a ${masked}!`);
    expect(maskContacts(maskContacts(address))).toBe(masked);
  });

  it('leaves what is no address alone', () => {
    for (const text of ['a@b', 'user@localhost', '@channel', 'price @ 5.00']) expect(maskEmails(text)).toBe(text);
  });
});

describe('at rest and in replies: a live chat with every spelling', () => {
  let wolkvox: FakeWolkvox | undefined;
  let redis: Redis | undefined;
  let gate: QuotaGate | undefined;
  let prefix: string | undefined;
  afterEach(async () => {
    await gate?.close();
    redis?.disconnect();
    if (prefix) await deleteKeys(prefix);
    await wolkvox?.close();
    wolkvox = redis = gate = prefix = undefined;
  });

  const NUMBERS = ['3004445566', '3007778899', '3002223344', '3001112233', '3009990011'];
  const SPELLED = ['300–444–5566', '300/777/8899', '３００２２２３３４４', '٣٠٠١١١٢٢٣٣', '۳۰۰\u2009۹۹۹\u2009۰۰۱۱'];
  const EMAIL = 'ana.gomez@example.com';

  it('keeps no phone spelling and no e-mail in Redis, and shows none on Slack, Teams or the console', async () => {
    const chat = {
      conn_id: '8731245',
      channel: 'whatsapp',
      connector_id: '702',
      customer_phone: '＋５７３００２２２３３４４',
      conversation: [
        ...SPELLED.map((spelled, i) => ({ from: 'customer', msg: `número ${i}: ${spelled}`, date: `2024-05-14 09:1${i}:31` })),
        { from: 'customer', msg: `y mi correo es ${EMAIL}`, date: '2024-05-14 09:16:00' },
      ],
    };
    wolkvox = await startFakeWolkvox({ data: { chats: [{ agent_id: '1001', active_chats: [chat] }] } });
    prefix = uniquePrefix('masking');
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    gate = createRedisQuotaGate({ redis, prefix });
    const config = parseConfigText(
      `sources:\n  bogota: { vendor: wolkvox, server: '0032', token: ${wolkvox.token}, timeZone: America/Bogota, baseUrl: '${wolkvox.url}' }\n`,
      {},
    ).config;
    const { sources } = buildSources({ config, gate, logger: silentLogger() });
    const router = routerOver(sources, { config });

    const reply = await router.handle({ text: '/transcript 8731245', asker: { platform: 'console', userId: 'console' }, venue: 'console' });
    const shown = [renderText(reply), JSON.stringify(renderBlocks(reply)), JSON.stringify(renderCard(reply))];
    expect(shown[0], shown[0]).toContain('número 4');
    const stored = await redis.keys(`*${prefix}*`);
    expect(stored.length).toBeGreaterThan(0);
    const atRest = await Promise.all(stored.map(async (key) => ((await redis!.type(key)) === 'string' ? ((await redis!.get(key)) ?? '') : '')));
    expect(atRest.join('')).toContain('número 4');
    for (const text of [...shown, ...atRest]) {
      // JSON escapes some spaces; read it back as the reader would see it.
      const seen = dialable(text.replace(/\\u([0-9a-f]{4})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))));
      for (const number of NUMBERS) expect(seen).not.toContain(number.slice(-7));
      expect(text).not.toContain('ana.gomez');
      expect(text).not.toContain('example.com');
    }
  });
});
