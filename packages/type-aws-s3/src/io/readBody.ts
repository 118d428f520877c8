import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { BodyDigestMismatch } from '../errors/BodyDigestMismatch';

/**
 * A response body read into one Buffer. A body that ends before its Content-Length fails
 * instead of looking complete, and so does one whose MD5 is not `expectedMd5` (hashed as the
 * chunks arrive). No Transform stream per call: on small objects one cost about a tenth of the
 * throughput (docs/BENCHMARKS.md).
 */
export async function readBody(
  body: Readable,
  expectedLength: number | undefined,
  expectedMd5: string | undefined,
): Promise<Buffer> {
  const hash = expectedMd5 === undefined ? undefined : createHash('md5');
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of body) {
    chunks.push(chunk as Buffer);
    received += (chunk as Buffer).length;
    hash?.update(chunk as Buffer);
  }
  // The length first: a body cut short also fails its MD5, but "cut short" says what happened.
  if (expectedLength !== undefined && received !== expectedLength) {
    throw Object.assign(new Error(`response cut short: got ${received} of ${expectedLength} bytes`), {
      code: 'ECONNRESET',
    });
  }
  if (hash !== undefined) {
    const actual = hash.digest('hex');
    if (actual !== expectedMd5) throw new BodyDigestMismatch(actual, expectedMd5 as string);
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, received);
}
