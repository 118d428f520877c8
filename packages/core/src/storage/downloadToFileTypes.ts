// What `downloadToFile` takes and answers: here rather than in one Type, so every Type that
// offers it (storages.AwsS3Type, storages.DiskType) takes the same options and answers alike.

export interface DownloadProgress {
  /** Bytes of the object in the file so far, parts kept from an interrupted download included. */
  loaded: number;
  total: number;
}

export interface DownloadToFileOptions {
  /** Ranged requests in flight at once (1-64, default 4). */
  concurrency?: number;
  /** Bytes per ranged request, in MiB (1-5120, default 8). */
  partSizeMiB?: number;
  onProgress?: (progress: DownloadProgress) => void;
  /**
   * Keep what an interrupted download fetched, beside `path`, and continue from it on the next
   * call with `resume: true` when the object is unchanged (default false: nothing is left behind).
   */
  resume?: boolean;
}

export interface DownloadToFileResult {
  /** The path the object was written to, as given. */
  path: string;
  size: number;
  /** The ETag of the version that was written (every part was pinned to it). */
  etag: string;
}
