import type { ArgumentProblem } from './argumentProblem';
import type { DownloadToFileOptions } from './downloadToFileTypes';

/** Ranged requests in flight at once, at most: the official Types' HTTP agents keep 64 sockets. */
export const MAX_DOWNLOAD_CONCURRENCY = 64;
/** The largest part, in MiB: S3's own largest part (5 GiB). */
export const MAX_DOWNLOAD_PART_SIZE_MIB = 5120;

const wholeNumber = (value: unknown, low: number, high: number): boolean =>
  typeof value === 'number' && Number.isInteger(value) && value >= low && value <= high;

const shown = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value) : String(value));

/**
 * What is wrong with `downloadToFile`'s path and options (the first problem found), or undefined.
 * Only the shape is checked here; whether the path's folder exists is downloadTargetProblem's.
 */
export function downloadToFileProblem(path: unknown, options: DownloadToFileOptions): ArgumentProblem | undefined {
  if (typeof path !== 'string' || path === '') {
    return { field: 'path', detail: `path must be a non-empty string, got ${shown(path)}` };
  }
  if (path.includes('\0')) return { field: 'path', detail: 'path must not contain NUL characters' };
  if (typeof options !== 'object' || options === null) return { field: 'options', detail: 'options must be an object' };
  const { concurrency, partSizeMiB, onProgress, resume } = options;
  if (concurrency !== undefined && !wholeNumber(concurrency, 1, MAX_DOWNLOAD_CONCURRENCY)) {
    return {
      field: 'options.concurrency',
      detail: `options.concurrency must be a whole number from 1 to ${MAX_DOWNLOAD_CONCURRENCY}, got ${shown(concurrency)}`,
    };
  }
  if (partSizeMiB !== undefined && !wholeNumber(partSizeMiB, 1, MAX_DOWNLOAD_PART_SIZE_MIB)) {
    return {
      field: 'options.partSizeMiB',
      detail: `options.partSizeMiB must be a whole number from 1 to ${MAX_DOWNLOAD_PART_SIZE_MIB}, got ${shown(partSizeMiB)}`,
    };
  }
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    return { field: 'options.onProgress', detail: 'options.onProgress must be a function' };
  }
  if (resume !== undefined && typeof resume !== 'boolean') {
    return { field: 'options.resume', detail: `options.resume must be true or false, got ${shown(resume)}` };
  }
  return undefined;
}
