import { createHash } from 'node:crypto';

/** The listing a cursor continues: the same server, bucket, S3 prefix and delimiter. */
export interface ListingScope {
  endPoint: string;
  bucket: string;
  /** The prefix as S3 sees it, the element's own prefix included. */
  prefix: string;
  delimiter: string | undefined;
}

const shape = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{16})$/;

/**
 * 96 bits of SHA-256 over the listing and the server's token. Not a secret: it catches what a
 * caller should not send — garbage, a token of the server's own, a cursor of another listing or
 * another element's prefix, an edited one — before any request. A deliberately forged cursor
 * gets as far as the server, with this listing's Prefix, which bounds what it can list.
 */
function check(scope: ListingScope, token: string): string {
  const material = JSON.stringify([
    'mti list cursor',
    scope.endPoint,
    scope.bucket,
    scope.prefix,
    scope.delimiter ?? null,
    token,
  ]);
  return createHash('sha256').update(material).digest('base64url').slice(0, 16);
}

/**
 * A `nextCursor` for the server's continuation token. The token itself goes in as it is: servers
 * make it in their own ways (s3rver: base64 of DES, which it answers with a 500 when it cannot
 * decrypt it; Ceph RGW: the last key, so any string reads as a place to start from), so nothing
 * about one can be checked from outside. `token.check`, both base64url: safe in a URL as it is.
 */
export function toListCursor(scope: ListingScope, token: string): string {
  return `${Buffer.from(token, 'utf8').toString('base64url')}.${check(scope, token)}`;
}

/** The server's token in `cursor`, or undefined when this listing did not hand that cursor out. */
export function fromListCursor(scope: ListingScope, cursor: string): string | undefined {
  const parts = shape.exec(cursor);
  if (parts === null) return undefined;
  const token = Buffer.from(parts[1] as string, 'base64url').toString('utf8');
  return check(scope, token) === parts[2] ? token : undefined;
}
