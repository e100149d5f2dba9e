import { expect } from 'vitest';

type Json = Record<string, unknown>;

/**
 * Asserts that a message body is one Slack accepts: `text` fallback present, at most 50 blocks,
 * section text <= 3000, at most 10 fields each <= 2000, header <= 150, button values <= 2000,
 * at most 25 buttons.
 */
export function expectWithinSlackLimits(message: Json | undefined): void {
  expect(message, 'a message body').toBeDefined();
  const text = message?.text;
  expect(typeof text === 'string' && text.trim().length > 0, 'text fallback is set').toBe(true);
  const blocks = (message?.blocks ?? []) as Json[];
  expect(blocks.length).toBeGreaterThan(0);
  expect(blocks.length).toBeLessThanOrEqual(50);
  for (const block of blocks) {
    if (block.type === 'section') {
      const t = (block.text as Json | undefined)?.text as string | undefined;
      if (t !== undefined) expect(t.length).toBeLessThanOrEqual(3000);
      const fields = (block.fields ?? []) as Json[];
      expect(fields.length).toBeLessThanOrEqual(10);
      for (const f of fields) expect((f.text as string).length).toBeLessThanOrEqual(2000);
      expect(t !== undefined || fields.length > 0, 'a section has text or fields').toBe(true);
      // Tables (monospace, between fences) stay within 80 characters, or Slack wraps their rows.
      for (const table of t?.match(/```\n[\s\S]*?\n```/g) ?? [])
        for (const row of table.split('\n')) expect(row.replace(/&(amp|lt|gt);/g, '_').length, `table line "${row}"`).toBeLessThanOrEqual(80);
    }
    if (block.type === 'header') expect(((block.text as Json).text as string).length).toBeLessThanOrEqual(150);
    if (block.type === 'actions') {
      const elements = block.elements as Json[];
      expect(elements.length).toBeLessThanOrEqual(25);
      for (const e of elements) expect(String(e.value ?? '').length).toBeLessThanOrEqual(2000);
    }
    if (block.type === 'context') for (const e of block.elements as Json[]) expect(String(e.text).length).toBeLessThanOrEqual(3000);
  }
}

/** The buttons of a message, as `{ action_id, value, label }`. */
export function buttonsOf(message: Json | undefined): Array<{ action_id: string; value: string; label: string }> {
  const blocks = (message?.blocks ?? []) as Json[];
  return blocks
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements as Json[])
    .map((e) => ({ action_id: String(e.action_id), value: String(e.value ?? ''), label: String((e.text as Json).text) }));
}

/** All text a reader would see in a message's blocks, joined. */
export function visibleText(message: Json | undefined): string {
  return JSON.stringify(message?.blocks ?? []);
}
