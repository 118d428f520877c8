import { createHash } from 'node:crypto';

/**
 * SHA-256 of some content, in hex: how mti fingerprints a file's or a source's content (Type
 * code the loader read, bytes a contract test compares). Strings are hashed as UTF-8.
 */
export function sha256Hex(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}
