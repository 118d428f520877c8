import type { FileHandle } from 'node:fs/promises';
import { bareEtag } from './etagForms';
import type { HttpHead } from './httpHead';
import { LocalFileError, onDisk } from './LocalFileError';
import { ObjectChanged } from './ObjectChanged';
import { PartInterrupted } from './PartInterrupted';
import { type PartRange, rangeLength } from './partRanges';
import type { RangeConnection } from './RangeConnection';
import { writeAt } from './writeAt';

/** The version every part of one download is pinned to. */
export interface PinnedObject {
  size: number;
  /** As HeadObject gave it. */
  etag: string;
  /** As If-Match carries it to this server (etagForms.ts). */
  ifMatch: string;
  /** A presigned GET of the object, made anew for each request (a long download outlives one). */
  presign: () => Promise<string>;
}

/**
 * One ranged GET, pinned to the object's ETag, its body written at its offset piece by piece as
 * it arrives: no part is ever held in memory, and the next piece is read only once the last one
 * is written, so a slow disk slows the socket rather than filling the heap. Every answer is
 * checked against the pin itself (ETag, total size, the range answered), because not every server
 * honours If-Match (s3rver ignores it). Failures: ObjectChanged when the object is no longer the
 * pinned version; PartInterrupted when the body broke off (worth fetching again); a
 * LocalFileError when the file could not be written; anything else as the request failed.
 */
export async function fetchPart(
  pinned: PinnedObject,
  range: PartRange,
  connection: RangeConnection,
  handle: FileHandle,
  signal: AbortSignal,
  onBytes: (bytes: number) => void,
): Promise<void> {
  const url = new URL(await pinned.presign());
  const length = rangeLength(range);
  let received = 0;
  let answered = false;
  try {
    await connection.get(url, { Range: `bytes=${range.start}-${range.end}`, 'If-Match': pinned.ifMatch }, signal, {
      onHead: (head) => {
        checkAnswer(pinned, range, head);
        answered = true;
      },
      onBody: async (bytes) => {
        await onDisk('could not write the file', () => writeAt(handle, bytes, range.start + received));
        received += bytes.length;
        onBytes(bytes.length);
      },
    });
  } catch (error) {
    if (preconditionFailed(error)) {
      throw new ObjectChanged(`the object changed during the download: If-Match ${pinned.ifMatch} failed (412)`);
    }
    if (!answered || error instanceof LocalFileError || error instanceof ObjectChanged) throw error;
    throw new PartInterrupted(error);
  }
  if (received !== length) {
    throw new PartInterrupted(
      Object.assign(new Error(`response cut short: got ${received} of ${length} bytes`), { code: 'ECONNRESET' }),
    );
  }
}

/** The answer is of the pinned version and of the bytes asked for, or this throws. */
function checkAnswer(pinned: PinnedObject, range: PartRange, { headers }: HttpHead): void {
  const etag = headers.get('etag');
  if (etag === undefined || bareEtag(etag) !== bareEtag(pinned.etag)) {
    throw new ObjectChanged(
      `the object changed during the download: its ETag was ${pinned.etag}, a part came with ${etag ?? 'none'}`,
    );
  }
  const answered = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(headers.get('content-range') ?? '');
  if (answered === null) {
    // A 200 with the whole object is a right answer only to a range that is the whole object.
    if (range.start === 0 && range.end === pinned.size - 1 && headers.get('content-length') === String(pinned.size)) {
      return;
    }
    throw new Error(`the server ignored the Range header (asked for bytes ${range.start}-${range.end})`);
  }
  const [, start, end, total] = answered;
  if (total !== '*' && Number(total) !== pinned.size) {
    throw new ObjectChanged(
      `the object changed during the download: it was ${pinned.size} bytes, a part says ${total}`,
    );
  }
  if (Number(start) !== range.start || Number(end) !== range.end) {
    throw new Error(`the server answered bytes ${start}-${end} to a request for ${range.start}-${range.end}`);
  }
}

function preconditionFailed(error: unknown): boolean {
  const found = error as { name?: unknown; $metadata?: { httpStatusCode?: number } } | null;
  return found?.name === 'PreconditionFailed' || found?.$metadata?.httpStatusCode === 412;
}
