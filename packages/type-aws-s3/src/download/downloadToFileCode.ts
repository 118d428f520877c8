import type * as DownloadToFile from './downloadToFile';

let loaded: typeof DownloadToFile | undefined;

/**
 * `downloadToFile`'s code, evaluated on its first call rather than with the Type: `mti ls`,
 * `mti check` and every app that never downloads to a file skip its modules (CLI start-up
 * targets, docs/BENCHMARKS.md). In the bundled package the Node modules they import are
 * required at the top of the file all the same, which is why RangeConnection requires TLS itself.
 */
export const downloadToFileCode = (): typeof DownloadToFile =>
  (loaded ??= require('./downloadToFile') as typeof DownloadToFile);
