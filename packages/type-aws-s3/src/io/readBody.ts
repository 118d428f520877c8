import { createHash, hash as hashOnce } from 'node:crypto';
import type { Readable } from 'node:stream';
import { BodyDigestMismatch } from '../errors/BodyDigestMismatch';

/**
 * A response body read into one Buffer. A body that ends before its Content-Length fails
 * instead of looking complete, and so does one whose MD5 is not `expectedMd5` (hashed once the
 * body is in). No Transform stream per call: on small objects one cost about a tenth of the
 * throughput (docs/BENCHMARKS.md).
 */
export async function readBody(
  body: Readable,
  expectedLength: number | undefined,
  expectedMd5: string | undefined,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of body) {
    chunks.push(chunk as Buffer);
    received += (chunk as Buffer).length;
  }
  // The length first: a body cut short also fails its MD5, but "cut short" says what happened.
  if (expectedLength !== undefined && received !== expectedLength) {
    throw Object.assign(new Error(`response cut short: got ${received} of ${expectedLength} bytes`), {
      code: 'ECONNRESET',
    });
  }
  if (expectedMd5 !== undefined) {
    const actual = md5Hex(chunks);
    if (actual !== expectedMd5) throw new BodyDigestMismatch(actual, expectedMd5);
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, received);
}

/**
 * The chunks' MD5. A small object's body arrives as one chunk, and the one-shot `crypto.hash`
 * skips the Hash object that `createHash` builds and frees per call (about 1 µs of a 4 KiB
 * download's 6 µs of hashing, docs/BENCHMARKS.md).
 */
function md5Hex(chunks: readonly Buffer[]): string {
  if (chunks.length === 1) return hashOnce('md5', chunks[0] as Buffer, 'hex');
  const hash = createHash('md5');
  for (const chunk of chunks) hash.update(chunk);
  return hash.digest('hex');
}
