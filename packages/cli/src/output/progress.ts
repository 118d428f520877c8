import { Transform } from 'node:stream';
import { SingleBar } from 'cli-progress';

/** Transfers above this size get a progress bar (on a terminal). */
const PROGRESS_THRESHOLD = 4 * 1024 * 1024;

/**
 * A pass-through that drives a progress bar on stderr for transfers of known size above the
 * threshold; elsewhere (pipes, CI, small files) it only passes bytes on.
 */
export function progressStream(total: number | undefined, label: string): Transform {
  const show = total !== undefined && total > PROGRESS_THRESHOLD && process.stderr.isTTY === true;
  const bar = show
    ? new SingleBar({
        stream: process.stderr,
        format: `${label} [{bar}] {percentage}% {value}/{total} MiB`,
        hideCursor: true,
      })
    : undefined;
  const mib = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;
  let done = 0;
  bar?.start(mib(total ?? 0), 0);
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      done += chunk.length;
      bar?.update(mib(done));
      callback(null, chunk);
    },
    flush(callback) {
      bar?.stop();
      callback();
    },
    destroy(error, callback) {
      bar?.stop();
      callback(error);
    },
  });
}
