// S3's rules, kept by every storages.Meta Type: metadata that one Type takes, another must too.
import { nonAsciiCharacter } from './headerValueProblem';

/** S3's limit on user metadata: the UTF-8 bytes of every name and value, added up. */
export const MAX_METADATA_BYTES = 2048;

/**
 * S3 sends user metadata as x-amz-meta-* headers (and the gateway as x-mti-meta-*): token names, printable US-ASCII values (see
 * headerValueProblem), 2 KB in all. Values that are not ASCII are refused rather than encoded
 * (AWS suggests RFC 2047): an encoded value would read back as its encoding on every other
 * client, and a value that happens to look encoded could not be told from one that is.
 */
export function metadataProblem(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be an object of strings';
  const names = new Map<string, string>();
  let bytes = 0;
  for (const [name, entry] of Object.entries(value)) {
    if (!/^[A-Za-z0-9_-]+$/.test(name)) return `name "${name}" may only hold letters, digits, "-" and "_"`;
    if (typeof entry !== 'string') return `"${name}" must be a string`;
    const found = nonAsciiCharacter(entry);
    if (found !== undefined) {
      return `"${name}" must be printable US-ASCII (found ${found}); encode other text first, e.g. with encodeURIComponent`;
    }
    // Header names are case-insensitive and S3 keeps them in lower case: one would replace the other.
    const same = names.get(name.toLowerCase());
    if (same !== undefined) return `names "${same}" and "${name}" differ only in case`;
    names.set(name.toLowerCase(), name);
    bytes += name.length + entry.length;
  }
  if (bytes > MAX_METADATA_BYTES) {
    return `is ${bytes} bytes of names and values in UTF-8; S3 allows ${MAX_METADATA_BYTES} (2 KB) in all`;
  }
  return undefined;
}
