import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/reply/render-text.js';

describe('the plain-text rendering', () => {
  it('prints title, summary, aligned fields, an aligned table with its footnote, sections, context and button hints', () => {
    const text = renderText(
      {
        title: 'Queue — Bogotá',
        summary: '12 waiting · longest 4m 10s',
        fields: [
          { label: 'Waiting now', value: '12' },
          { label: 'Longest wait', value: '4m 10s' },
        ],
        table: {
          columns: ['Queue', 'Waiting', 'Longest'],
          rows: [
            ['Sales', '8', '4m 10s'],
            ['Soporte técnico', '12', '45s'],
          ],
          footnote: 'and 37 more',
        },
        sections: [{ heading: 'Note', text: 'Two agents on break' }],
        buttons: [
          { label: 'Refresh', action: 'run', value: '/queue bogota' },
          { label: 'Ack', action: 'ack', value: 'queue-long:bogota' },
          { label: 'Silence 1h', action: 'silence', value: 'queue-long:1h' },
        ],
        context: {
          source: 'Bogotá (wolkvox)',
          asOf: '2026-11-21T19:02:00.000Z',
          timeZone: 'America/Bogota',
          staleReason: 'vendor quota spent for today',
          note: 'page 1 of 3',
        },
      },
      { now: new Date('2026-11-21T19:04:00.000Z') },
    );
    expect(text).toBe(
      [
        'Queue — Bogotá',
        '12 waiting · longest 4m 10s',
        '',
        'Waiting now:   12',
        'Longest wait:  4m 10s',
        '',
        'Queue            Waiting  Longest',
        '---------------  -------  -------',
        'Sales                  8   4m 10s',
        'Soporte técnico       12      45s',
        'and 37 more',
        '',
        'Note',
        'Two agents on break',
        '',
        'Bogotá (wolkvox) · as of 14:02 (2 min ago) — vendor quota spent for today · page 1 of 3',
        '',
        '[Refresh: /queue bogota] [Ack: /alerts ack queue-long:bogota] [Silence 1h: /alerts silence queue-long 1h]',
      ].join('\n'),
    );
  });

  it('keeps a table aligned when a cell holds a newline', () => {
    const text = renderText({ title: 'T', table: { columns: ['A', 'B'], rows: [['x\ny', 'z']] } });
    expect(text.split('\n').slice(-1)[0]).toBe('x y  z');
  });

  it('shows section text without its markdown-light marks, and leaves a masked phone as it is', () => {
    const text = renderText({
      title: 'Daily summary — Tue 5 Mar',
      sections: [
        {
          heading: 'Service desk',
          text: 'Chats: *10* (last Tuesday by 11:30 7, +43%)\n_Note: figures from 10:00 (vendor unavailable)_\nCall me on +57 *** *** *234',
        },
      ],
    });
    expect(text).toContain('Chats: 10 (last Tuesday by 11:30 7, +43%)');
    expect(text).toContain('\nNote: figures from 10:00 (vendor unavailable)\n');
    expect(text).toContain('Call me on +57 *** *** *234');
  });

  it('prints just the title of a bare reply', () => {
    expect(renderText({ title: 'Alerts' })).toBe('Alerts');
  });
});
