import { createHash } from 'node:crypto';

/** The listing a cursor continues: the same element, prefix (as stored) and delimiter. */
export interface ListingScope {
  element: string;
  prefix: string;
  delimiter: string | undefined;
}

const shape = /^([A-Za-z0-9_-]*)\.([A-Za-z0-9_-]{16})$/;

/**
 * 96 bits of SHA-256 over the listing and the place it stopped at. Not a secret (the place is a
 * key the caller has seen): it catches a cursor of another listing, an edited one or garbage.
 */
function check(scope: ListingScope, after: string): string {
  const material = JSON.stringify([
    'mti disk list cursor',
    scope.element,
    scope.prefix,
    scope.delimiter ?? null,
    after,
  ]);
  return createHash('sha256').update(material).digest('base64url').slice(0, 16);
}

/** A `nextCursor`: the last key or common prefix of the page (as stored), and its check. */
export function toListCursor(scope: ListingScope, after: string): string {
  return `${Buffer.from(after, 'utf8').toString('base64url')}.${check(scope, after)}`;
}

/** Where the listing resumes, or undefined when this listing did not hand that cursor out. */
export function fromListCursor(scope: ListingScope, cursor: string): string | undefined {
  const parts = shape.exec(cursor);
  if (parts === null) return undefined;
  const after = Buffer.from(parts[1] as string, 'base64url').toString('utf8');
  return check(scope, after) === parts[2] ? after : undefined;
}
