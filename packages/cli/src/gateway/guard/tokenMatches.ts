import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (bytes: Buffer): Buffer => createHash('sha256').update(bytes).digest();

/**
 * Checks an `Authorization: Bearer …` header in constant time: both sides are hashed first, so
 * neither the length nor the content of the token shows in the timing. They are compared as
 * bytes: Node hands header values over as Latin-1 (one character per byte), so the header is
 * turned back into the bytes the client sent, and the token into its UTF-8 bytes — a client that
 * sends a non-ASCII token in UTF-8, as curl and fetch do, then matches.
 */
export function tokenMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer (.+)$/.exec(header ?? '')?.[1] ?? '';
  return timingSafeEqual(digest(Buffer.from(given, 'latin1')), digest(Buffer.from(token, 'utf8')));
}
