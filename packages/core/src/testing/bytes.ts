import { Readable } from 'node:stream';
import { sha256Hex } from '../hash/sha256Hex';

/**
 * Bytes that differ at every position and from one seed to the next, so a shifted, truncated or
 * swapped body never passes for the right one (zeros would).
 */
export function patterned(size: number, seed = 1): Buffer {
  const bytes = Buffer.allocUnsafe(size);
  let state = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    // xorshift32: cheap enough for a few MiB.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

/**
 * A stream of `bytes` in chunks of `chunk`, with nothing that tells its length (no `path`, no
 * `length`): the Type must upload it as a stream of unknown size.
 */
export function unknownLengthStream(bytes: Buffer, chunk = 64 * 1024): Readable {
  let offset = 0;
  return new Readable({
    read() {
      if (offset >= bytes.length) {
        this.push(null);
        return;
      }
      const end = Math.min(offset + chunk, bytes.length);
      // A copy: the Type may keep the chunk while this buffer is still read.
      this.push(Buffer.from(bytes.subarray(offset, end)));
      offset = end;
    },
  });
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** A short fingerprint for assertion messages: a failing MiB compare should not print a MiB. */
export function digest(bytes: Uint8Array): string {
  return `${bytes.length} bytes, sha256 ${sha256Hex(bytes).slice(0, 16)}`;
}
