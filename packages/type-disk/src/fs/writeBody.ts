import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { UploadBody, UploadProgress } from '@mti/core';

/** Chunks of a stream are gathered up to this before a write: one-byte chunks cost one syscall each otherwise. */
const GATHER_BYTES = 256 * 1024;

export interface Written {
  size: number;
  /** MD5 of the bytes, hex: the ETag, as S3 gives it for a single-part upload. */
  md5: string;
  /** The file's stat after the last write (and fsync): its inode, size and mtime. */
  stat: Stats;
}

async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
}

/** Writes bytes or a stream of unknown length into a file, hashing as it goes. */
export async function writeBody(
  handle: FileHandle,
  body: UploadBody,
  fsync: boolean,
  onProgress: ((progress: UploadProgress) => void) | undefined,
): Promise<Written> {
  const hash = createHash('md5');
  let size = 0;
  if (body.kind === 'bytes') {
    await writeAll(handle, body.bytes);
    hash.update(body.bytes);
    size = body.bytes.length;
    onProgress?.({ loaded: size, total: size });
  } else {
    const source: AsyncIterable<unknown> =
      Symbol.asyncIterator in body.stream ? body.stream : new Readable().wrap(body.stream);
    let gathered: Buffer[] = [];
    let gatheredBytes = 0;
    const flush = async (): Promise<void> => {
      if (gatheredBytes === 0) return;
      const chunk = gathered.length === 1 ? (gathered[0] as Buffer) : Buffer.concat(gathered, gatheredBytes);
      gathered = [];
      gatheredBytes = 0;
      await writeAll(handle, chunk);
      size += chunk.length;
      onProgress?.({ loaded: size });
    };
    for await (const piece of source) {
      const chunk =
        typeof piece === 'string'
          ? Buffer.from(piece, 'utf8')
          : Buffer.isBuffer(piece)
            ? piece
            : piece instanceof Uint8Array
              ? Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength)
              : undefined;
      if (chunk === undefined) throw new TypeError('the data stream gave something other than bytes or text');
      hash.update(chunk);
      gathered.push(chunk);
      gatheredBytes += chunk.length;
      if (gatheredBytes >= GATHER_BYTES) await flush();
    }
    await flush();
    if (size === 0) onProgress?.({ loaded: 0, total: 0 });
  }
  if (fsync) await handle.sync();
  return { size, md5: hash.digest('hex'), stat: await handle.stat() };
}
