import type { FileHandle } from 'node:fs/promises';

/** All of `chunk` into the file at `position` (a positioned write may write less than asked). */
export async function writeAt(handle: FileHandle, chunk: Buffer, position: number): Promise<void> {
  for (let offset = 0; offset < chunk.length;) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset, position + offset);
    offset += bytesWritten;
  }
}
