import { describe, expect, it } from 'vitest';
import { CATALOGS } from '../../src/i18n/messages.js';
import { cleanEnv, runCli } from '../support/run-cli.js';

/** Words of the English messages that the language's own messages never use ("Chats" is German and Spanish too). */
function englishOnlyWords(locale: keyof typeof CATALOGS): Set<string> {
  const words = (catalog: Record<string, string>) =>
    new Set(
      Object.values(catalog)
        .map((text) => text.replace(/\{\{\w+\}\}|\/[a-z]+|[a-z]+:\w+/g, ' '))
        .flatMap((text) => text.toLowerCase().match(/\p{L}{3,}/gu) ?? []),
    );
  const theirs = words(CATALOGS[locale]);
  return new Set([...words(CATALOGS.en)].filter((w) => !theirs.has(w)));
}

/** The demo's own words (its label, vendor name); queue and agent names and statuses are the demo's Spanish. */
const VENDOR_TEXT = /Demo contact center|\(demo\)/g;

/** Commands as typed (registered names and their flags stay as they are): `/agents page:2`. */
const COMMAND_TEXT = /\/[a-z]+|\b[a-z]+:\w+/g;

const LANGUAGES = [
  { LANG: 'es_CO.UTF-8', locale: 'es', queue: ['Cola — ', 'En cola ahora', 'Agentes libres', 'Actualizar'], agents: ['Agentes — ', 'Estado', 'Libre'] },
  { LANG: 'pt_BR.UTF-8', locale: 'pt-BR', queue: ['Fila — ', 'Na fila agora', 'Agentes livres', 'Atualizar'], agents: ['Agentes — ', 'Status', 'Livre'] },
  {
    LANG: 'de_DE.UTF-8',
    locale: 'de',
    queue: ['Warteschlange — ', 'Wartend jetzt', 'Agenten frei', 'Aktualisieren'],
    agents: ['Agenten — ', 'Status', 'Frei'],
  },
  {
    LANG: 'hu_HU.UTF-8',
    locale: 'hu',
    queue: ['Várakozási sor — ', 'Most várakozik', 'Szabad ügynök', 'Frissítés'],
    agents: ['Ügynökök — ', 'Állapot', 'Szabad'],
  },
] as const;

describe('chatops ask answers in the language of LANG (the real CLI on the demo)', () => {
  it.each(LANGUAGES)('LANG=$LANG: /queue and /agents with no English word left', async ({ LANG, locale, queue, agents }) => {
    const english = englishOnlyWords(locale);
    for (const [command, expected] of [
      ['/queue', queue],
      ['/agents', agents],
    ] as const) {
      const run = runCli(['ask', command], { env: cleanEnv({ LANG, LOG_LEVEL: 'warn' }) });
      expect(await run.exited, run.stderr()).toBe(0);
      const out = run.stdout();
      for (const phrase of expected) expect(out).toContain(phrase);
      const left = (
        out
          .replace(VENDOR_TEXT, ' ')
          .replace(COMMAND_TEXT, ' ')
          .match(/\p{L}{3,}/gu) ?? []
      ).filter((w) => english.has(w.toLowerCase()));
      expect(left, `${LANG} ${command}:\n${out}`).toEqual([]);
    }
  });

  it('LC_ALL wins over LANG, and an unknown language answers in English', async () => {
    const hu = runCli(['ask', '/queue'], { env: cleanEnv({ LANG: 'de_DE.UTF-8', LC_ALL: 'hu_HU.UTF-8', LOG_LEVEL: 'warn' }) });
    expect(await hu.exited).toBe(0);
    expect(hu.stdout()).toContain('Várakozási sor — ');
    const fr = runCli(['ask', '/queue'], { env: cleanEnv({ LANG: 'fr_FR.UTF-8', LOG_LEVEL: 'warn' }) });
    expect(await fr.exited).toBe(0);
    expect(fr.stdout()).toContain('Queue — ');
  });
});
