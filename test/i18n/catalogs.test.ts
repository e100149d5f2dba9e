import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGS } from '../../src/i18n/messages.js';
import { LOCALES, localized } from '../../src/i18n/index.js';

const PLURAL = /_(zero|one|two|few|many|other)$/;
const baseOf = (key: string) => key.replace(PLURAL, '');
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!);
const en = CATALOGS.en;
const bases = [...new Set(Object.keys(en).map(baseOf))].sort();

describe('the message catalogs', () => {
  it.each(LOCALES.filter((l) => l !== 'en'))('%s has every English message and no other', (locale) => {
    const catalog = CATALOGS[locale];
    expect([...new Set(Object.keys(catalog).map(baseOf))].sort()).toEqual(bases);
  });

  it.each(LOCALES)('%s has every plural form its language needs (Intl.PluralRules), and no stray ones', (locale) => {
    const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories.sort();
    const catalog = CATALOGS[locale];
    for (const base of bases.filter((b) => `${b}_other` in en)) {
      const forms = Object.keys(catalog)
        .filter((k) => baseOf(k) === base && k !== base)
        .map((k) => PLURAL.exec(k)![1]!)
        .sort();
      expect(forms, `${locale} ${base}`).toEqual(needed);
    }
  });

  it.each(LOCALES.filter((l) => l !== 'en'))('%s uses the same placeholders as English in every message', (locale) => {
    const catalog = CATALOGS[locale];
    for (const base of bases) {
      const of = (c: Record<string, string>) =>
        [
          ...new Set(
            Object.entries(c)
              .filter(([k]) => baseOf(k) === base)
              .flatMap(([, v]) => placeholders(v)),
          ),
        ]
          .filter((p) => p !== 'count')
          .sort();
      expect(of(catalog), `${locale} ${base}`).toEqual(of(en));
    }
  });

  it('has no message that no code asks for', () => {
    const code = sourcesUnder(['src', 'commands', 'adapters']).join('\n');
    const unused = bases.filter((key) => {
      // A message nested in another (`$t(vendorError.vcclive.ipRange)`) is asked for by that one.
      if (code.includes(`'${key}'`) || code.includes(`\`${key}\``) || Object.values(en).some((text) => text.includes(`$t(${key})`))) return false;
      // Keys built at run time: `agents.state.${state}`, `command.${name}.summary`.
      const parts = key.split('.');
      for (let i = parts.length - 1; i > 0; i--) if (code.includes(`\`${parts.slice(0, i).join('.')}.\${`)) return false;
      return !(key.startsWith('command.') && code.includes('`command.${'));
    });
    expect(unused).toEqual([]);
  });
});

describe('plural forms by language (i18next with Intl.PluralRules)', () => {
  const say = (locale: string, key: Parameters<ReturnType<typeof localized>['t']>[0], count: number) =>
    localized(locale).t(key, { count, value: localized(locale).fmt.count(count) });

  it('Spanish: one, then other; a million takes the many form', () => {
    expect(say('es', 'queue.free', 1)).toBe('1 agente libre');
    expect(say('es', 'queue.free', 3)).toBe('3 agentes libres');
    expect(say('es', 'queue.free', 1_000_000)).toBe('1.000.000 agentes libres');
    expect(say('es-CO', 'agents.total.busy', 1)).toBe('1 ocupado');
    expect(say('es-419', 'agents.total.busy', 2)).toBe('2 ocupados');
  });

  it('Brazilian Portuguese: one, other (and many)', () => {
    expect(say('pt-BR', 'queue.free', 1)).toBe('1 agente livre');
    expect(say('pt-BR', 'queue.free', 12)).toBe('12 agentes livres');
    expect(say('pt', 'age.days', 2)).toBe('há 2 dias');
  });

  it('German: one, other', () => {
    expect(say('de', 'queue.free', 1)).toBe('1 Agent frei');
    expect(say('de', 'queue.free', 4)).toBe('4 Agenten frei');
    expect(say('de-AT', 'age.days', 1)).toBe('vor 1 Tag');
    expect(say('de', 'age.days', 3)).toBe('vor 3 Tagen');
  });

  it('Hungarian: the noun stays singular after a number', () => {
    expect(say('hu', 'queue.free', 1)).toBe('1 szabad ügynök');
    expect(say('hu', 'queue.free', 5)).toBe('5 szabad ügynök');
    expect(say('hu', 'age.days', 3)).toBe('3 napja');
  });
});

describe('numbers, durations and dates by locale (Intl, cached)', () => {
  it('formats counts and durations the way each language writes them', () => {
    expect(localized('en').fmt.count(12345)).toBe('12,345');
    expect(localized('de').fmt.count(12345)).toBe('12.345');
    expect(localized('en').fmt.duration(250)).toBe('4m 10s');
    expect(localized('en').fmt.duration(3720)).toBe('1h 02m');
    expect(localized('es').fmt.duration(250)).toBe('4min 10s');
    expect(localized('hu').fmt.duration(250)).toMatch(/^4\sp 10\smp$/);
    expect(localized('pt-BR').fmt.date('2026-11-21')).toMatch(/^sáb\.? 21 nov\.?$/);
  });

  it('reads the console locale from LC_ALL, then LC_MESSAGES, then LANG', async () => {
    const { localeFromEnv } = await import('../../src/i18n/index.js');
    expect(localeFromEnv({ LANG: 'es_CO.UTF-8' })).toBe('es');
    expect(localeFromEnv({ LANG: 'de_DE.UTF-8', LC_ALL: 'hu_HU.UTF-8' })).toBe('hu');
    expect(localeFromEnv({ LANG: 'en_US.UTF-8', LC_MESSAGES: 'pt_BR' })).toBe('pt-BR');
    expect(localeFromEnv({ LANG: 'C.UTF-8' })).toBe('en');
    expect(localeFromEnv({})).toBe('en');
  });
});

function sourcesUnder(dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (path !== join('src', 'i18n', 'locales')) walk(path);
      } else if (path.endsWith('.ts')) out.push(readFileSync(path, 'utf8'));
    }
  };
  for (const dir of dirs) walk(dir);
  return out;
}
