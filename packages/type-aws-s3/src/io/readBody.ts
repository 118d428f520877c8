import { createHash, type Hash, hash as hashOnce } from 'node:crypto';
import type { Readable } from 'node:stream';
import { BodyDigestMismatch } from '../errors/BodyDigestMismatch';

/**
 * A response body read into one Buffer. A body that ends before its Content-Length fails
 * instead of looking complete, and so does one whose MD5 is not `expectedMd5`: hashed as it
 * arrives, or, for a body of one chunk as a small object's is, in one call once it is in (about
 * 1 µs less per 4 KiB download than a Hash object). No Transform stream per call: on small
 * objects one cost about a tenth of the throughput (docs/BENCHMARKS.md).
 */
export async function readBody(
  body: Readable,
  expectedLength: number | undefined,
  expectedMd5: string | undefined,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let received = 0;
  // Made at the second chunk: a body of one chunk is hashed once it is in, with the one-shot
  // `crypto.hash`; a longer one is hashed as it arrives, while the next chunk is on its way.
  let hash: Hash | undefined;
  for await (const chunk of body) {
    chunks.push(chunk as Buffer);
    received += (chunk as Buffer).length;
    if (expectedMd5 === undefined) continue;
    if (hash !== undefined) hash.update(chunk as Buffer);
    else if (chunks.length === 2)
      hash = createHash('md5')
        .update(chunks[0] as Buffer)
        .update(chunk as Buffer);
  }
  // The length first: a body cut short also fails its MD5, but "cut short" says what happened.
  if (expectedLength !== undefined && received !== expectedLength) {
    throw Object.assign(new Error(`response cut short: got ${received} of ${expectedLength} bytes`), {
      code: 'ECONNRESET',
    });
  }
  if (expectedMd5 !== undefined) {
    // No hash object: the body was one chunk, or none.
    const actual = hash?.digest('hex') ?? hashOnce('md5', chunks[0] ?? Buffer.alloc(0), 'hex');
    if (actual !== expectedMd5) throw new BodyDigestMismatch(actual, expectedMd5);
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, received);
}
