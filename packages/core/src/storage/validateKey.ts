export const MAX_KEY_BYTES = 1024;

// C0 controls and DEL: S3 accepts some of them, but they break URLs, logs and terminals.
const controlCharacter = /[\u0000-\u001f\u007f]/;
// A whole segment of "." or "..": one regular expression, as this runs on every call.
const dotSegment = /(?:^|\/)\.\.?(?:\/|$)/;

/** Why `key` is not a usable object key, or undefined when it is. */
export function keyProblem(key: unknown): string | undefined {
  if (typeof key !== 'string') return `must be a string, got ${key === null ? 'null' : typeof key}`;
  if (key === '') return 'must not be empty';
  const bytes = Buffer.byteLength(key, 'utf8');
  if (bytes > MAX_KEY_BYTES) return `is ${bytes} bytes in UTF-8; the limit is ${MAX_KEY_BYTES}`;
  if (controlCharacter.test(key)) return 'must not contain control characters';
  if (key.startsWith('/')) return 'must not start with "/"';
  if (dotSegment.test(key)) {
    return 'must not contain "." or ".." path segments';
  }
  return undefined;
}
