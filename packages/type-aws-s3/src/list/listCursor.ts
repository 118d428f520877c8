import { fromCheckedCursor, toCheckedCursor } from '@mti/core';

/** The listing a cursor continues: the same server, bucket, S3 prefix and delimiter. */
export interface ListingScope {
  endPoint: string;
  bucket: string;
  /** The prefix as S3 sees it, the element's own prefix included. */
  prefix: string;
  delimiter: string | undefined;
}

/**
 * The check covers the listing and the server's token: it catches what a caller should not send —
 * garbage, a token of the server's own, a cursor of another listing or another element's prefix,
 * an edited one — before any request. A deliberately forged cursor gets as far as the server,
 * with this listing's Prefix, which bounds what it can list.
 */
const scoped = (scope: ListingScope): unknown[] => [
  'mti list cursor',
  scope.endPoint,
  scope.bucket,
  scope.prefix,
  scope.delimiter ?? null,
];

/**
 * A `nextCursor` for the server's continuation token. The token itself goes in as it is: servers
 * make it in their own ways (s3rver: base64 of DES, which it answers with a 500 when it cannot
 * decrypt it; Ceph RGW: the last key, so any string reads as a place to start from), so nothing
 * about one can be checked from outside.
 */
export function toListCursor(scope: ListingScope, token: string): string {
  return toCheckedCursor(scoped(scope), token);
}

/** The server's token in `cursor`, or undefined when this listing did not hand that cursor out. */
export function fromListCursor(scope: ListingScope, cursor: string): string | undefined {
  const token = fromCheckedCursor(scoped(scope), cursor);
  // A continuation token is never empty: a cursor that holds none was not made from one.
  return token === '' ? undefined : token;
}
