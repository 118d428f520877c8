import { Transform } from 'node:stream';
import { progressBar } from './progressBar';

/**
 * A pass-through that drives a progress bar on stderr for transfers of known size above the
 * threshold; elsewhere (pipes, CI, small files) it only passes bytes on. The bar, its threshold
 * and its look are progressBar's, so streamed and callback-driven transfers show alike.
 */
export function progressStream(total: number | undefined, label: string): Transform {
  // An unknown size (or one that is not a positive number) draws no bar, as a small one does.
  const bar = progressBar(total !== undefined && total > 0 ? total : 0, label);
  let done = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      done += chunk.length;
      bar.update(done);
      callback(null, chunk);
    },
    flush(callback) {
      bar.stop();
      callback();
    },
    destroy(error, callback) {
      bar.stop();
      callback(error);
    },
  });
}
