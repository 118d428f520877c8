import type { GetObjectCommandOutput } from '@aws-sdk/client-s3';

/** Which bytes of an object a GET answered with: `first` to `last` (included) of `size`. */
export interface ServedRange {
  first: number;
  last: number;
  size: number;
}

const contentRange = /^bytes (\d+)-(\d+)\/(\d+)$/;

/**
 * The bytes a ranged GetObject's answer holds, from its Content-Range; undefined when it does
 * not say. A server may ignore Range and answer 200 with the whole object, and an empty object
 * has no byte to name (AWS answers 416; s3rver says `bytes 0-0/0`, which holds nothing): a
 * Content-Length of 0, or a 200 without Content-Range, is the whole object from 0.
 */
export function servedRange(out: GetObjectCommandOutput): ServedRange | undefined {
  const found = contentRange.exec(out.ContentRange ?? '');
  const length = out.ContentLength;
  if (length === 0) return { first: 0, last: -1, size: Number(found?.[3] ?? 0) };
  if (found !== null) return { first: Number(found[1]), last: Number(found[2]), size: Number(found[3]) };
  if (out.$metadata.httpStatusCode === 200 && length !== undefined) return { first: 0, last: length - 1, size: length };
  return undefined;
}
