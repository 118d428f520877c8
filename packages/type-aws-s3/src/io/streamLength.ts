import { ReadStream, statSync } from 'node:fs';
import type { Readable } from 'node:stream';

/**
 * How many bytes a stream will give, when that is known before reading it: a file stream not
 * yet started, from the file's size and the stream's start and end. Otherwise undefined: the
 * length of a pipe or a socket is known only at its end.
 */
export function streamLength(stream: Readable): number | undefined {
  if (!(stream instanceof ReadStream) || typeof stream.path !== 'string' || stream.bytesRead > 0) return undefined;
  let size: number;
  try {
    size = statSync(stream.path).size;
  } catch {
    return undefined;
  }
  // `end` is inclusive, and Infinity when not given.
  const { start = 0, end = Number.POSITIVE_INFINITY } = stream as ReadStream & { start?: number; end?: number };
  return Math.max(0, Math.min(size, end + 1) - start);
}
