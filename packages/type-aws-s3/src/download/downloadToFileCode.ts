import type * as DownloadToFile from './downloadToFile';

let loaded: typeof DownloadToFile | undefined;

/**
 * `downloadToFile`'s code, loaded on its first call rather than with the Type: its HTTP reader
 * brings `node:net` and `node:tls`, and its journal and lock `node:fs/promises`, which `mti ls`,
 * `mti check` and every app that never downloads to a file would load for nothing (CLI start-up
 * targets, docs/BENCHMARKS.md).
 */
export const downloadToFileCode = (): typeof DownloadToFile =>
  (loaded ??= require('./downloadToFile') as typeof DownloadToFile);
