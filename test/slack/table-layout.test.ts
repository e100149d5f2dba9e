import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withAnswerButtons } from '../../src/platforms/slack/answer.js';
import { renderBlocks } from '../../src/platforms/slack/render-blocks.js';
import { replyKinds } from '../support/reply-kinds.js';
import { expectWithinSlackLimits } from './limits.js';

let kinds: Awaited<ReturnType<typeof replyKinds>>;
beforeAll(async () => {
  kinds = await replyKinds();
});
afterAll(async () => kinds?.close());

const reply = (name: string) => kinds.kinds.find((k) => k.name === name)!.reply;
/** The monospace lines of a message's tables, as Slack shows them. */
function tableLines(message: ReturnType<typeof renderBlocks>): string[] {
  const texts = message.blocks.map((b) => (b.type === 'section' ? (b.text?.text ?? '') : ''));
  return texts.flatMap((t) => (t.match(/```\n[\s\S]*?\n```/g) ?? []).flatMap((table) => table.split('\n').filter((l) => l !== '```')));
}
const unescape = (line: string) => line.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('Slack tables on a phone or beside an open thread', () => {
  it('keeps every table line of every answer within 80 characters', () => {
    for (const { name, reply } of kinds.kinds) {
      const message = renderBlocks(reply);
      expectWithinSlackLimits(message as never);
      for (const line of tableLines(message)) expect(unescape(line).length, `${name}: "${line}"`).toBeLessThanOrEqual(80);
    }
  });

  it('/queue shows every column, the ones that do not fit in a second table that names the queue again', () => {
    const queue = reply('queue');
    const lines = tableLines(renderBlocks(queue)).join('\n');
    for (const column of queue.table!.columns) expect(lines).toContain(column);
    for (const row of queue.table!.rows) expect(lines.split(row[0]!).length - 1, `${row[0]} named in each table`).toBe(2);
    for (const row of queue.table!.rows) expect(lines).toContain(row.at(-1)!);
  });

  it('/agents shows every chat id in progress whole, under its agent', () => {
    const agents = reply('agents');
    const idColumn = agents.table!.columns.indexOf('Chats in progress');
    const ids = agents.table!.rows.flatMap((row) => (row[idColumn] ?? '').split(' ').filter(Boolean));
    expect(ids.length).toBeGreaterThan(5);
    const words = tableLines(renderBlocks(agents)).flatMap((l) => l.split(/\s+/));
    for (const id of ids) expect(words).toContain(id);
  });
});

describe('Share in channel', () => {
  it('is never offered on the result of an action: sharing /alerts ack would acknowledge again', () => {
    for (const [name, text] of [
      ['alerts-ack', '/alerts ack queue-long:demo:1'],
      ['alerts-silence', '/alerts silence queue-long 2h'],
    ]) {
      const message = renderBlocks(withAnswerButtons(reply(name!), text!));
      expect(JSON.stringify(message), name).not.toContain('chatops:share');
    }
  });

  it('is still offered on answers about the operation', () => {
    expect(JSON.stringify(renderBlocks(withAnswerButtons(reply('queue'), '/queue')))).toContain('chatops:share');
  });
});
