import type { FileHandle } from 'node:fs/promises';

/**
 * `length` bytes of the file from `start`, by positioned reads (a read may return fewer bytes
 * than asked). A file cut short by another program since its size was read gives what is there.
 */
export async function readAt(handle: FileHandle, start: number, length: number): Promise<Buffer> {
  const bytes = Buffer.allocUnsafe(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(bytes, filled, length - filled, start + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled === length ? bytes : bytes.subarray(0, filled);
}
