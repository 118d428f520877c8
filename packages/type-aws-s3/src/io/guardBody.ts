import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { BodyDigestMismatch } from '../errors/BodyDigestMismatch';

/**
 * Wraps a response body so that it can never look complete when it is not: a stream that ends
 * before Content-Length bytes fails, so does one whose MD5 is not `expectedMd5` (hashed as the
 * chunks pass), and every failure is translated by `toError` first.
 *
 * The last chunk is held back until the body has been checked, so a consumer that counts bytes —
 * an HTTP response sent with the object's Content-Length, as the gateway's — never has the whole
 * body of one that fails its check: it gets an error one chunk short instead of an end.
 */
export function guardBody(
  body: Readable,
  expectedLength: number | undefined,
  expectedMd5: string | undefined,
  toError: (error: unknown) => Error,
): Readable {
  const hash = expectedMd5 === undefined ? undefined : createHash('md5');
  let received = 0;
  let held: Buffer | undefined;
  const guard = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      hash?.update(chunk);
      const previous = held;
      held = chunk;
      callback(null, previous);
    },
    flush(callback) {
      if (expectedLength !== undefined && received !== expectedLength) {
        const short = Object.assign(new Error(`response cut short: got ${received} of ${expectedLength} bytes`), {
          code: 'ECONNRESET',
        });
        callback(toError(short));
        return;
      }
      const actual = hash?.digest('hex');
      if (actual !== undefined && actual !== expectedMd5) {
        callback(toError(new BodyDigestMismatch(actual, expectedMd5 as string)));
        return;
      }
      callback(null, held);
    },
  });
  body.on('error', (error) => guard.destroy(toError(error)));
  // A consumer that gives up early must not leave the socket half-read.
  guard.on('close', () => {
    if (!body.destroyed) body.destroy();
  });
  body.pipe(guard);
  return guard;
}
