import { randomBytes } from 'node:crypto';

/** The files a download keeps beside its target until it is renamed into place. */
export interface DownloadPaths {
  /** The object's bytes, written at their offsets. */
  temp: string;
  /** Which parts of `temp` are complete and on the device (resumable downloads only). */
  journal: string | undefined;
  /** Held while a resumable download runs, so two never write the same temp file. */
  lock: string | undefined;
}

/**
 * Beside the target, so the final rename stays on one file system. A resumable download's names
 * are fixed, so the next call finds them; any other's temp file has a name of its own, so two
 * downloads to one path never write into each other's file (the last rename wins, whole).
 */
export function downloadPaths(path: string, resume: boolean): DownloadPaths {
  if (!resume)
    return { temp: `${path}.mti-part-${randomBytes(6).toString('hex')}`, journal: undefined, lock: undefined };
  return { temp: `${path}.mti-part`, journal: `${path}.mti-part.journal`, lock: `${path}.mti-part.lock` };
}
