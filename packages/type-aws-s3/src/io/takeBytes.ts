import { Readable } from 'node:stream';

/**
 * The first `length` bytes of `body`, which is then let go of (destroyed, its socket freed):
 * for a server that answers a range with more than was asked (s3rver reads `bytes=0-0` as
 * `bytes=0-`, and a server may ignore Range and send the whole object).
 */
export function takeBytes(body: Readable, length: number): Readable {
  return Readable.from(take(body, length), { objectMode: false });
}

async function* take(body: Readable, length: number): AsyncGenerator<Buffer> {
  let left = length;
  if (left === 0) {
    body.destroy();
    return;
  }
  // Leaving the loop early (return) destroys the body: for-await's iterator does that.
  for await (const chunk of body) {
    const bytes = chunk as Buffer;
    if (bytes.length >= left) {
      yield bytes.subarray(0, left);
      return;
    }
    left -= bytes.length;
    yield bytes;
  }
}
