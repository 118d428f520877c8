export const MAX_KEY_BYTES = 1024;

// C0 controls and DEL: S3 accepts some of them, but they break URLs, logs and terminals.
const controlCharacter = /[\u0000-\u001f\u007f]/;
// A surrogate that is not half of a pair (in a `u` regular expression a pair is one code point,
// never \p{Cs}). It has no UTF-8 form, so a key holding one cannot be put in a URL or sent.
const loneSurrogate = /\p{Cs}/u;
// A whole segment of "." or "..": one regular expression, as this runs on every call.
const dotSegment = /(?:^|\/)\.\.?(?:\/|$)/;

/**
 * The one check of S3's key limit, in UTF-8 bytes: Types that store under a prefix run it again on
 * the prefixed key, so the limit and its wording live here only.
 */
export function keyBytesProblem(key: string): string | undefined {
  const bytes = Buffer.byteLength(key, 'utf8');
  return bytes > MAX_KEY_BYTES ? `is ${bytes} bytes in UTF-8; the limit is ${MAX_KEY_BYTES}` : undefined;
}

/** Why `key` is not a usable object key, or undefined when it is. */
export function keyProblem(key: unknown): string | undefined {
  if (typeof key !== 'string') return `must be a string, got ${key === null ? 'null' : typeof key}`;
  if (key === '') return 'must not be empty';
  const surrogate = loneSurrogate.exec(key);
  if (surrogate !== null) {
    const code = surrogate[0].charCodeAt(0).toString(16).toUpperCase();
    return `must be well-formed Unicode: it holds a lone surrogate (U+${code}), which has no UTF-8 form`;
  }
  const tooLong = keyBytesProblem(key);
  if (tooLong !== undefined) return tooLong;
  if (controlCharacter.test(key)) return 'must not contain control characters';
  if (key.startsWith('/')) return 'must not start with "/"';
  // Keys are paths, as the "." and ".." rule says: an empty segment is refused like a leading
  // "/", which is one too, and like empty segments in an element's prefix. AWS and Ceph RGW
  // store "a//b", but tools that normalise paths or URLs (proxies and CDNs that merge slashes,
  // the gateway's /files/<key> URLs behind them) turn it into "a/b", and s3rver answers it with
  // a 404 of unparsable XML. A trailing "/" stays allowed: "photos/" is how S3 consoles mark a folder.
  if (key.includes('//')) return 'must not contain empty path segments ("//")';
  if (dotSegment.test(key)) {
    return 'must not contain "." or ".." path segments';
  }
  return undefined;
}
