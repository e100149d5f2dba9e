import { Readable } from 'node:stream';

export interface Peeked {
  /** The first bytes (at least `bytes` of them unless the body is shorter). */
  head: Buffer;
  /** The whole body again, head included. */
  body: Readable;
}

/**
 * Reads the first `bytes` of a body without losing them: they are put back (`unshift`) and the
 * same body comes back whole, so the rest streams as before. A body that ended within them comes
 * back as a new stream of the head.
 */
export async function peek(body: Readable, bytes: number): Promise<Peeked> {
  const early: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size < bytes && !ended) {
    const chunk = body.read() as Buffer | null;
    if (chunk !== null) {
      early.push(chunk);
      size += chunk.length;
    } else {
      ended = (await nextReadable(body)) === 'end';
    }
  }
  const head = Buffer.concat(early);
  if (ended) return { head, body: Readable.from(head.length ? [head] : []) };
  body.unshift(head);
  return { head, body };
}

/** Waits until `body` has something to read, or has ended; rejects when it fails or closes early. */
function nextReadable(body: Readable): Promise<'readable' | 'end'> {
  if (body.readableEnded) return Promise.resolve('end');
  return new Promise((resolve, reject) => {
    const settle = (fn: () => void) => () => {
      body.off('readable', onReadable).off('end', onEnd).off('error', onError).off('close', onClose);
      fn();
    };
    const onReadable = settle(() => resolve('readable'));
    const onEnd = settle(() => resolve('end'));
    const onError = (error: Error) => settle(() => reject(error))();
    const onClose = settle(() => reject(new Error('the body closed before it ended')));
    body.on('readable', onReadable).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}
