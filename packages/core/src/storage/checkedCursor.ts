import { createHash } from 'node:crypto';

/**
 * A list cursor every Type writes the same way: `position.check`, both base64url (safe in a URL as
 * it is). `position` is where the listing resumes, in the Type's own terms (a key, a server's
 * token); `scope` is what names the listing it belongs to (a tag, then the store, the prefix, the
 * delimiter, …). Each Type says what goes into both; the format and the check are shared.
 */
const shape = /^([A-Za-z0-9_-]*)\.([A-Za-z0-9_-]{16})$/;

/**
 * 96 bits of SHA-256 over the listing's scope and the position. Not a secret: it catches a cursor
 * of another listing, an edited one or garbage before any work is done.
 */
function check(scope: readonly unknown[], position: string): string {
  return createHash('sha256')
    .update(JSON.stringify([...scope, position]))
    .digest('base64url')
    .slice(0, 16);
}

/** A `nextCursor` that resumes the listing named by `scope` at `position`. */
export function toCheckedCursor(scope: readonly unknown[], position: string): string {
  return `${Buffer.from(position, 'utf8').toString('base64url')}.${check(scope, position)}`;
}

/** The position in `cursor`, or undefined when it is not a cursor of the listing named by `scope`. */
export function fromCheckedCursor(scope: readonly unknown[], cursor: string): string | undefined {
  const parts = shape.exec(cursor);
  if (parts === null) return undefined;
  const position = Buffer.from(parts[1] as string, 'base64url').toString('utf8');
  return check(scope, position) === parts[2] ? position : undefined;
}
