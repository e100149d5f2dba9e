import type { Readable } from 'node:stream';
import { errors as undiciErrors } from 'undici';
import { snippet } from '../../src/reply/format.js';

/** Thrown by readCapped when a body passes its cap. */
export class TooLarge extends Error {}

export async function readCapped(body: Readable & AsyncIterable<Buffer>, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) {
      body.destroy();
      throw new TooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A body in a detail line: one line, cut at the shared length, and said when empty. */
export function bodySnippet(text: string): string {
  return snippet(text) || '(empty body)';
}

/** True when a body stalled past its time limit (the vendor stopped sending mid-answer). */
export function isBodyTimeout(error: unknown): boolean {
  return error instanceof undiciErrors.BodyTimeoutError;
}
