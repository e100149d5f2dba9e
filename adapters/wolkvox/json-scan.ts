/**
 * Byte-level helpers to find a few keys in a JSON stream far larger than memory (a chat_2
 * answer reaches 256 MB) without parsing it. Finding `"conn_id"` with `Buffer.indexOf` runs at
 * memory speed; only the one record that matches is ever parsed.
 *
 * Why a match is trustworthy: inside a JSON string every `"` is escaped, so the bytes
 * `"conn_id"` followed by `:` can only be a real key, unless the first quote is itself escaped
 * (odd run of backslashes before it), which is checked.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** A `"key": value` pair found in the stream. `offset` is the absolute offset of the key's quote. */
export interface KeyHit {
  key: string;
  value: string;
  offset: number;
}

/**
 * Finds `"key": "value"` (or a bare number value) for a set of keys across chunk boundaries.
 * Searches each chunk in place and keeps only a few bytes between chunks (no copy of the chunk:
 * at 256 MB, every avoided copy is memory the garbage collector does not have to chase).
 *
 * @example
 *   const finder = new KeyValueFinder(['conn_id']);
 *   for await (const chunk of body) finder.push(chunk, (hit) => console.log(hit.value));
 */
export class KeyValueFinder {
  private readonly needles: Array<{ key: string; bytes: Buffer }>;
  private readonly lookBehind = 8;
  /** Bytes of the next chunk joined to the tail, enough for a key and its value. */
  private readonly windowBytes: number;
  /** The end of the stream not examined yet (plus a few bytes before it for escape checks). */
  private tail: Buffer = Buffer.alloc(0);
  private tailStart = 0;
  private streamEnd = 0;
  /** Per key: the absolute offset from which occurrences have not been examined yet. */
  private readonly next: number[];

  constructor(
    keys: readonly string[],
    private readonly maxValueBytes = 1024,
  ) {
    this.needles = keys.map((key) => ({ key, bytes: Buffer.from(JSON.stringify(key)) }));
    this.next = keys.map(() => 0);
    this.windowBytes = Math.max(...this.needles.map((n) => n.bytes.length)) + maxValueBytes + 64;
  }

  /** Feeds the next chunk; calls `onHit` for each pair completed so far, in stream order. */
  push(chunk: Buffer, onHit: (hit: KeyHit) => void): void {
    const chunkStart = this.streamEnd;
    this.streamEnd += chunk.length;
    if (this.tail.length > 0) {
      // Keys that begin in the tail: search the tail joined to the head of this chunk.
      const head = chunk.subarray(0, this.windowBytes);
      const window = Buffer.concat([this.tail, head]);
      const whole = head.length === chunk.length;
      const stalled = this.scan(window, this.tailStart, chunkStart, whole, undefined, onHit);
      if (stalled !== undefined) return this.keep(stalled, window, this.tailStart);
    }
    const stalled = this.scan(chunk, chunkStart, this.streamEnd, true, this.tail, onHit);
    const from = stalled ?? Math.min(...this.next);
    if (from - this.lookBehind >= chunkStart) this.keep(from, chunk, chunkStart);
    else
      this.keep(
        from,
        Buffer.concat([this.tail.subarray(Math.max(0, from - this.lookBehind - this.tailStart)), chunk]),
        Math.max(this.tailStart, from - this.lookBehind),
      );
  }

  /** Keeps the bytes of `buf` (starting at absolute `bufStart`) from `from` minus the look-behind. */
  private keep(from: number, buf: Buffer, bufStart: number): void {
    const at = Math.max(0, from - this.lookBehind - bufStart);
    this.tail = Buffer.from(buf.subarray(at));
    this.tailStart = bufStart + at;
  }

  /**
   * Emits the keys of `buf` that start before `startsBefore`, in order. Answers the offset of a
   * key whose value runs past the end of `buf` when `mayStall` (more bytes will come), else
   * skips it (a value longer than the window is not one of ours).
   */
  private scan(
    buf: Buffer,
    base: number,
    startsBefore: number,
    mayStall: boolean,
    before: Buffer | undefined,
    onHit: (hit: KeyHit) => void,
  ): number | undefined {
    const limit = startsBefore - base;
    const found = this.needles.map((n, i) => buf.indexOf(n.bytes, Math.max(0, this.next[i]! - base)));
    for (;;) {
      let which = -1;
      for (let i = 0; i < found.length; i++) {
        const at = found[i]!;
        if (at >= 0 && at < limit && (which < 0 || at < found[which]!)) which = i;
      }
      if (which < 0) break;
      const at = found[which]!;
      const needle = this.needles[which]!;
      const read = escaped(buf, at, before) ? 'skip' : readValue(buf, at + needle.bytes.length, this.maxValueBytes);
      if (read === 'incomplete' && mayStall) {
        for (let i = 0; i < found.length; i++) if (found[i]! >= 0 && found[i]! < limit) this.next[i] = base + found[i]!;
        return base + at;
      }
      if (read !== 'incomplete' && read !== 'skip') onHit({ key: needle.key, value: read, offset: base + at });
      this.next[which] = base + at + 1;
      found[which] = buf.indexOf(needle.bytes, at + 1);
    }
    for (let i = 0; i < this.needles.length; i++) {
      const unexamined = Math.min(startsBefore, base + buf.length - this.needles[i]!.bytes.length + 1);
      this.next[i] = Math.max(this.next[i]!, unexamined);
    }
    return undefined;
  }
}

/** True when the quote at `at` is preceded by an odd run of backslashes (looking into `before`). */
function escaped(buf: Buffer, at: number, before?: Buffer): boolean {
  let run = 0;
  let i = at - 1;
  for (; i >= 0 && buf[i] === BACKSLASH; i--) run++;
  if (i < 0 && before) for (let j = before.length - 1; j >= 0 && before[j] === BACKSLASH; j--) run++;
  return run % 2 === 1;
}

/**
 * Reads `: "value"` or `: 123` starting right after a key's closing quote. 'skip' when the key is
 * not followed by a colon (it was a value) or the value is not a short string or number;
 * 'incomplete' when the buffer ends first.
 */
function readValue(buf: Buffer, from: number, maxValueBytes: number): string | 'skip' | 'incomplete' {
  let i = from;
  while (isSpace(buf[i])) i++;
  if (i >= buf.length) return 'incomplete';
  if (buf[i] !== COLON) return 'skip';
  i++;
  while (isSpace(buf[i])) i++;
  if (i >= buf.length) return 'incomplete';
  if (buf[i] === QUOTE) {
    const start = i + 1;
    let hasEscape = false;
    for (let j = start; j < buf.length; j++) {
      if (j - start > maxValueBytes) return 'skip';
      const byte = buf[j];
      if (byte === BACKSLASH) {
        hasEscape = true;
        j++;
      } else if (byte === QUOTE) {
        if (!hasEscape) return buf.toString('utf8', start, j);
        try {
          return JSON.parse(buf.toString('utf8', start - 1, j + 1)) as string;
        } catch {
          return 'skip';
        }
      }
    }
    return buf.length - start > maxValueBytes ? 'skip' : 'incomplete';
  }
  const numberEnd = scanNumber(buf, i);
  if (numberEnd === i) return 'skip';
  if (numberEnd >= buf.length) return 'incomplete';
  return buf.toString('latin1', i, numberEnd);
}

function scanNumber(buf: Buffer, from: number): number {
  let j = from;
  while (j < buf.length) {
    const b = buf[j]!;
    const numeric = (b >= 0x30 && b <= 0x39) || b === 0x2d || b === 0x2b || b === 0x2e || b === 0x65 || b === 0x45;
    if (!numeric) break;
    j++;
  }
  return j;
}

/**
 * Follows the JSON structure from a point known to lie outside any string (`anchor`), to cut out
 * the innermost object that encloses `target` (the offset of a key's quote). Works on the bytes
 * it is fed, in order, from the anchor on; costs one pass over the enclosing record only.
 *
 * @example
 *   const cut = new EnclosingObject(anchor, hit.offset);
 *   const span = cut.feed(chunk, chunkOffset); // { start, end } once the object closes
 */
export class EnclosingObject {
  private pos: number;
  private inString = false;
  private escape = false;
  /** Absolute offsets of open containers, negated for arrays. Closing more than opened is fine. */
  private readonly stack: number[] = [];
  private start: number | undefined;
  private depth = 0;

  constructor(
    anchor: number,
    private readonly target: number,
  ) {
    this.pos = anchor;
  }

  /** Feeds bytes starting at absolute offset `bufStart`; returns the object's span once closed. */
  feed(buf: Buffer, bufStart: number): { start: number; end: number } | undefined {
    if (bufStart + buf.length <= this.pos) return undefined;
    for (let i = Math.max(0, this.pos - bufStart); i < buf.length; i++) {
      const abs = bufStart + i;
      if (abs === this.target && this.start === undefined) {
        const top = this.stack[this.stack.length - 1];
        if (top === undefined || top < 0 || this.inString) throw new Error('the matching key is not inside an object');
        this.start = top;
        this.depth = this.stack.length;
      }
      const byte = buf[i];
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (byte === BACKSLASH) this.escape = true;
        else if (byte === QUOTE) this.inString = false;
        continue;
      }
      if (byte === QUOTE) this.inString = true;
      else if (byte === 0x7b) this.stack.push(abs);
      else if (byte === 0x5b) this.stack.push(-abs - 1);
      else if (byte === 0x7d || byte === 0x5d) {
        this.stack.pop();
        if (this.start !== undefined && this.stack.length < this.depth) {
          this.pos = abs + 1;
          return { start: this.start, end: abs + 1 };
        }
      }
    }
    this.pos = bufStart + buf.length;
    return undefined;
  }
}
