import { Transform } from 'node:stream';

/**
 * Passes a file through, failing it once it grows past `max` bytes (`tooLarge`) or when it ends
 * short of `min` (`tooSmall`): an error at the end, not an end, so the storage reading it never
 * stores a file outside the bounds. `truncated` says whether the parser cut the file short.
 */
export function boundBytes(
  min: number,
  max: number,
  truncated: () => boolean,
  fail: { tooLarge: () => Error; tooSmall: () => Error },
): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > max) callback(fail.tooLarge());
      else callback(null, chunk);
    },
    flush(callback) {
      if (truncated()) callback(fail.tooLarge());
      else if (seen < min) callback(fail.tooSmall());
      else callback();
    },
  });
}
