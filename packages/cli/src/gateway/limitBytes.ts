import { Transform } from 'node:stream';

/** Passes a request body through, failing it once it grows past `limit` bytes. */
export function limitBytes(limit: number, onExceeded: () => Error): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit) callback(onExceeded());
      else callback(null, chunk);
    },
  });
}
