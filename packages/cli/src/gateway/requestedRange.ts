/** What a GET asks of an object: all of it, bytes `start` to `end` (included), or bytes it has not. */
export type RequestedRange =
  { kind: 'whole' } | { kind: 'part'; start: number; end: number } | { kind: 'unsatisfiable' };

const whole: RequestedRange = { kind: 'whole' };
const spec = /^(\d*)-(\d*)$/;

/**
 * Reads a GET's `Range` and `If-Range` headers (RFC 9110 §14) against an object of `size` bytes
 * whose ETag is `etag`. Whatever the gateway may not or need not answer in part comes whole, as
 * a 200, which the RFC allows for any Range: a header it cannot parse, another unit, a last byte
 * before the first, and several ranges — a multipart/byteranges answer would cost a boundary
 * format no browser needs (media players and download managers ask for one range at a time).
 * `If-Range` is honoured with the ETag only, compared strongly: a weak ETag or an HTTP date
 * (which would need Last-Modified to be a strong validator) means the client's copy may differ,
 * so it gets the whole object rather than a part it could splice into the wrong version.
 */
export function requestedRange(
  range: string | undefined,
  ifRange: string | undefined,
  size: number,
  etag: string,
): RequestedRange {
  if (range === undefined) return whole;
  if (ifRange !== undefined && (ifRange.trim() !== etag || etag === '' || etag.startsWith('W/'))) return whole;
  const unit = /^\s*bytes\s*=(.*)$/i.exec(range);
  if (unit === null) return whole;
  const specs = (unit[1] as string)
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (specs.length !== 1) return whole;
  const found = spec.exec(specs[0] as string);
  if (found === null) return whole;
  const [, first = '', last = ''] = found;
  if (first === '') {
    if (last === '') return whole;
    const suffix = Number(last);
    if (suffix === 0) return { kind: 'unsatisfiable' };
    // An empty object has no last bytes to name: no Content-Range can say "none of 0", so it
    // comes whole (200, no body), as RFC 9110 lets a server answer any Range.
    if (size === 0) return whole;
    return { kind: 'part', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return whole;
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'part', start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
}
