import { describe, expect, it } from 'vitest';
import { parseCommandText } from '../../src/router/parse.js';

function parsed(text: string) {
  const result = parseCommandText(text);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(text)} to parse, got: ${result.problem}`);
  return result.command;
}

describe('reading a command text', () => {
  it('reads the same command with or without the slash, in any case, with stray spaces', () => {
    for (const text of ['/queue bogota', 'queue bogota', '   /QUEUE   bogota  ', '\tQueue bogota\n']) {
      expect(parsed(text)).toMatchObject({ name: 'queue', args: ['bogota'] });
    }
  });

  it('reads full-width characters a phone keyboard may produce as the plain command name', () => {
    expect(parsed('／ＱＵＥＵＥ').name).toBe('queue');
  });

  it('keeps a quoted argument with spaces as one argument, for straight and typographic quotes', () => {
    expect(parsed('/transcript "abc 1"').args).toEqual(['abc 1']);
    expect(parsed("/transcript 'abc 1'").args).toEqual(['abc 1']);
    expect(parsed('/transcript “abc 1” emea').args).toEqual(['abc 1', 'emea']);
    expect(parsed('/transcript ‘abc 1’').args).toEqual(['abc 1']);
    expect(parsed('/transcript «abc 1»').args).toEqual(['abc 1']);
  });

  it('marks quoted arguments so a quoted word is never taken for a source', () => {
    expect(parsed('/agents "bogota" busy').quoted).toEqual([true, false]);
  });

  it('answers an unbalanced quote with a problem naming the command, instead of guessing', () => {
    const result = parseCommandText('/transcript "abc 1');
    expect(result).toMatchObject({ ok: false, name: 'transcript' });
    if (!result.ok) expect(result.problem).toMatch(/not closed/);
  });

  it('keeps apostrophes inside a word as part of the word', () => {
    expect(parsed("/help don't").args).toEqual(["don't"]);
  });

  it('reads page:2, --page 2, --page=2 and the em-dash a chat client makes of "--"', () => {
    expect(parsed('/agents busy page:2')).toMatchObject({ args: ['busy'], page: 2 });
    expect(parsed('/agents --page 3 busy')).toMatchObject({ args: ['busy'], page: 3 });
    expect(parsed('/agents --page=4')).toMatchObject({ args: [], page: 4 });
    expect(parsed('/agents —page 5')).toMatchObject({ page: 5 });
  });

  it('refuses a page that is not a positive number', () => {
    for (const text of ['/agents page:0', '/agents page:abc', '/agents --page', '/agents page:-1', '/agents page:99999999']) {
      expect(parseCommandText(text)).toMatchObject({ ok: false, name: 'agents' });
    }
  });

  it('reads source:emea as a named source', () => {
    expect(parsed('/queue source:emea')).toMatchObject({ args: [], source: 'emea' });
  });

  it('keeps unicode arguments intact and drops invisible characters pasted from rich text', () => {
    expect(parsed('/queue Bogotá\u200b').args).toEqual(['Bogotá']);
    expect(parsed('/queue 東京 😀').args).toEqual(['東京', '😀']);
  });

  it('treats null bytes and control characters as spaces', () => {
    expect(parsed('/queue\u0000bogota\u0007')).toMatchObject({ name: 'queue', args: ['bogota'] });
  });

  it('gives an empty name for an empty text, which the router answers with the command list', () => {
    expect(parsed('   ')).toMatchObject({ name: '', args: [] });
  });

  it('refuses a pasted wall of text without reading it, still naming the command', () => {
    const result = parseCommandText(`/transcript ${'x'.repeat(100_000)}`);
    expect(result).toMatchObject({ ok: false, name: 'transcript' });
  });
});
