import { EnclosingObject, KeyValueFinder } from './json-scan.js';

/**
 * Cuts the one `chat_2` record whose `conn_id` matches out of a streamed answer. Holds only the
 * bytes since the previous record's `conn_id` (about one record), never the body, and parses
 * nothing but the match.
 *
 * @example
 *   const finder = new ConversationFinder('1234');
 *   for await (...) { const record = finder.push(chunk, offset); if (record) break; }
 */
export class ConversationFinder {
  private readonly keys = new KeyValueFinder(['conn_id']);
  private retained: Array<{ buf: Buffer; start: number }> = [];
  /** Offset of the last non-matching `conn_id` key: known to lie outside any string. */
  private anchor = 0;
  private cut: EnclosingObject | undefined;

  constructor(private readonly connId: string) {}

  /** Feeds the next chunk (at absolute `offset`); answers the raw record once it is complete. */
  push(chunk: Buffer, offset: number): unknown {
    this.retained.push({ buf: chunk, start: offset });
    if (this.cut) return this.feedCut([{ buf: chunk, start: offset }]);
    let hit: number | undefined;
    this.keys.push(chunk, ({ value, offset: at }) => {
      if (hit !== undefined) return;
      if (value === this.connId) hit = at;
      else this.anchor = at;
    });
    if (hit === undefined) {
      this.retained = this.retained.filter((r) => r.start + r.buf.length > this.anchor);
      return undefined;
    }
    this.cut = new EnclosingObject(this.anchor, hit);
    return this.feedCut(this.retained);
  }

  private feedCut(pieces: Array<{ buf: Buffer; start: number }>): unknown {
    for (const piece of pieces) {
      let span: { start: number; end: number } | undefined;
      try {
        span = this.cut!.feed(piece.buf, piece.start);
      } catch (error) {
        throw new UnreadableRecord((error as Error).message);
      }
      if (!span) continue;
      const parts = this.retained
        .filter((r) => r.start < span.end && r.start + r.buf.length > span.start)
        .map((r) => r.buf.subarray(Math.max(0, span.start - r.start), Math.min(r.buf.length, span.end - r.start)));
      return JSON.parse(Buffer.concat(parts).toString('utf8'));
    }
    return undefined;
  }
}

/** The matching key was found but its record could not be cut out (shape not as documented). */
export class UnreadableRecord extends Error {}
