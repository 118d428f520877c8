import { pipeline, Transform, type Readable } from 'node:stream';

/** Passes a stream through, counting its bytes; a source error fails the counted stream too. */
export function countBytes(source: Readable): { stream: Readable; bytes: () => number } {
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      callback(null, chunk);
    },
  });
  pipeline(source, counter, () => {});
  return { stream: counter, bytes: () => bytes };
}
