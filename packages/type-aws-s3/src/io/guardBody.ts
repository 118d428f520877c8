import { Transform, type Readable } from 'node:stream';

/**
 * Wraps a response body so that it can never look complete when it is not: a stream that ends
 * before Content-Length bytes fails, and every failure is translated by `toError` first.
 */
export function guardBody(
  body: Readable,
  expectedLength: number | undefined,
  toError: (error: unknown) => Error,
): Readable {
  let received = 0;
  const guard = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      callback(null, chunk);
    },
    flush(callback) {
      if (expectedLength !== undefined && received !== expectedLength) {
        const short = Object.assign(new Error(`response cut short: got ${received} of ${expectedLength} bytes`), {
          code: 'ECONNRESET',
        });
        callback(toError(short));
        return;
      }
      callback();
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
