import type { Readable } from 'node:stream';
import type { GetObjectCommandOutput } from '@aws-sdk/client-s3';
import type { ByteRange } from '@mti/core';
import { bodyMd5 } from './bodyMd5';
import { servedRange } from './servedRange';
import { takeBytes } from './takeBytes';

/** A ranged GET's body and what it must come to: exactly `length` bytes, with `md5` when known. */
export interface CheckedRange {
  kind: 'body';
  body: Readable;
  length: number;
  md5: string | undefined;
}

/** The object (of `size` bytes) ends before the range starts: nothing to read. */
export interface RangeOutside {
  kind: 'outside';
  size: number;
}

/**
 * How to read and check the answer to GetObject with `Range: bytes=start-end`. The length to
 * check is the range's, not the object's; the ETag's MD5 only when the range is the whole object
 * (a part of it has no hash to compare with). An answer holding more than asked is cut to the
 * range; one holding other bytes, or fewer, is refused, never passed off as the range.
 */
export function rangedBody(out: GetObjectCommandOutput, range: ByteRange): CheckedRange | RangeOutside {
  const body = out.Body as Readable;
  const served = servedRange(out);
  if (served === undefined) {
    body.destroy();
    throw new Error(`the server answered a ranged GET without a usable Content-Range (${String(out.ContentRange)})`);
  }
  if (range.start >= served.size) {
    body.destroy();
    return { kind: 'outside', size: served.size };
  }
  const last = Math.min(range.end ?? served.size - 1, served.size - 1);
  if (served.first !== range.start || served.last < last) {
    body.destroy();
    throw new Error(
      `the server answered bytes ${served.first}-${served.last}/${served.size} to a request for bytes ${range.start}-${last}`,
    );
  }
  const length = last - range.start + 1;
  const whole = range.start === 0 && last === served.size - 1;
  return {
    kind: 'body',
    body: served.last > last ? takeBytes(body, length) : body,
    length,
    md5: whole ? bodyMd5(out) : undefined,
  };
}
