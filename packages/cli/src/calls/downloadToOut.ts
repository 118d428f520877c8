import type { DownloadProgress, DownloadToFileOptions, DownloadToFileResult } from '@mti/core';
import { progressBar, type ProgressBar } from '../output/progressBar';

/** An element that downloads into a file itself (storages.AwsS3Type, storages.DiskType). */
export interface DownloadsToFile {
  downloadToFile(name: string, path: string, options?: DownloadToFileOptions): Promise<DownloadToFileResult>;
}

/**
 * `mti call … download <key> --out <file>` on an element with `downloadToFile`: parallel ranged
 * requests into a temp file beside `out`, renamed onto it once whole, with a progress bar on a
 * terminal. Resumable: a download cut off (Ctrl-C, a dropped connection) keeps what it fetched
 * beside `out`, and the same command run again continues from it if the object is unchanged.
 */
export async function downloadToOut(
  element: DownloadsToFile,
  key: unknown,
  out: string,
): Promise<DownloadToFileResult> {
  let bar: ProgressBar | undefined;
  const onProgress = ({ loaded, total }: DownloadProgress): void => {
    bar ??= progressBar(total, 'download');
    bar.update(loaded);
  };
  try {
    return await element.downloadToFile(key as string, out, { resume: true, onProgress });
  } finally {
    bar?.stop();
  }
}
