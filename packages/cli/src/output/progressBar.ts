import { SingleBar } from 'cli-progress';

/** Transfers above this size get a progress bar (on a terminal), streamed ones too (`progressStream`). */
const PROGRESS_THRESHOLD = 4 * 1024 * 1024;

export interface ProgressBar {
  update(done: number): void;
  stop(): void;
}

/**
 * A progress bar on stderr for a transfer of `total` bytes told its progress by a callback
 * (`downloadToFile`'s onProgress) rather than by bytes passing through a stream; it draws nothing
 * off a terminal or for small transfers.
 */
export function progressBar(total: number, label: string): ProgressBar {
  if (total <= PROGRESS_THRESHOLD || process.stderr.isTTY !== true) return { update: () => {}, stop: () => {} };
  const mib = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;
  const bar = new SingleBar({
    stream: process.stderr,
    format: `${label} [{bar}] {percentage}% {value}/{total} MiB`,
    hideCursor: true,
  });
  bar.start(mib(total), 0);
  return {
    update: (done) => bar.update(mib(done)),
    stop: () => bar.stop(),
  };
}
