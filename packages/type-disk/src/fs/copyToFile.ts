import { createHash, randomBytes } from 'node:crypto';
import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import { type DownloadProgress, downloadTargetProblem, ErrorCode, type ErrorDescription } from '@mti/core';
import { errnoOf } from './DiskFault';

/** Read and written this much at a time, through one buffer. */
const COPY_BYTES = 1024 * 1024;

export interface CopyJob {
  /** The object's file, opened before the copy: a write to the key meanwhile renames another file over it. */
  source: FileHandle;
  path: string;
  /** The MD5 the object's sidecar records for this very file (inode, size, mtime), when it has one. */
  expectedMd5: string | undefined;
  fsync: boolean;
  onProgress: ((progress: DownloadProgress) => void) | undefined;
  /** The element's error on `path` (a folder missing, a full disk) or on the object. */
  fail: (failure: ErrorDescription & { field?: string; cause?: unknown }) => Error;
}

/**
 * storages.DiskType's `downloadToFile`: the object's file copied into a temp file beside `path`,
 * hashed as it is read and checked against the MD5 its sidecar records and the size the open
 * file has, flushed (with `fsync`), and renamed onto `path`, so `path` only ever holds a whole,
 * checked copy, as with storages.AwsS3Type. One sequential read: `concurrency` and `partSizeMiB`
 * have nothing to split here. Nothing is kept on failure, `resume` or not: a local copy is not
 * worth resuming.
 */
export async function copyToFile(job: CopyJob): Promise<{ size: number; md5: string }> {
  const refused = await downloadTargetProblem(job.path);
  if (refused !== undefined) throw job.fail({ code: ErrorCode.INVALID_ARGUMENT, ...refused });
  const size = (await job.source.stat()).size;
  const temp = `${job.path}.mti-part-${randomBytes(6).toString('hex')}`;
  const target = await onPath(job, 'could not create the temp file', () => open(temp, 'wx'));
  try {
    const md5 = await copy(job, target, size);
    if (job.fsync) await onPath(job, 'could not flush the file', () => target.datasync());
    await target.close();
    await onPath(job, 'could not rename the file into place', () => rename(temp, job.path));
    job.onProgress?.({ loaded: size, total: size });
    return { size, md5 };
  } catch (error) {
    await target.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

async function copy(job: CopyJob, target: FileHandle, size: number): Promise<string> {
  const hash = createHash('md5');
  const buffer = Buffer.allocUnsafeSlow(COPY_BYTES);
  let copied = 0;
  for (;;) {
    const { bytesRead } = await job.source.read(buffer, 0, buffer.length, copied);
    if (bytesRead === 0) break;
    const piece = buffer.subarray(0, bytesRead);
    hash.update(piece);
    for (let written = 0; written < bytesRead;) {
      const at = written;
      written += (
        await onPath(job, 'could not write the file', () => target.write(piece, at, bytesRead - at, copied + at))
      ).bytesWritten;
    }
    copied += bytesRead;
    job.onProgress?.({ loaded: copied, total: size });
  }
  if (copied !== size) {
    throw job.fail({
      code: ErrorCode.CONFLICT,
      detail: `the object's file changed during the copy: it held ${size} bytes, ${copied} were read`,
    });
  }
  const md5 = hash.digest('hex');
  if (job.expectedMd5 !== undefined && md5 !== job.expectedMd5) {
    throw job.fail({
      code: ErrorCode.UNAVAILABLE,
      detail: `the stored bytes do not match their recorded MD5 (${md5}, recorded ${job.expectedMd5})`,
    });
  }
  return md5;
}

/** `work` on the target file: its failures reported on `path`, coded by errno. */
async function onPath<T>(job: CopyJob, action: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const errno = errnoOf(error);
    const code =
      errno === 'EACCES' || errno === 'EPERM' || errno === 'EROFS'
        ? ErrorCode.ACCESS_DENIED
        : errno === 'ENOSPC' || errno === 'EDQUOT' || errno === 'EIO' || errno === 'EMFILE' || errno === 'ENFILE'
          ? ErrorCode.UNAVAILABLE
          : errno === 'ENOENT' || errno === 'ENOTDIR' || errno === 'EISDIR' || errno === 'ENAMETOOLONG'
            ? ErrorCode.INVALID_ARGUMENT
            : ErrorCode.UNKNOWN;
    throw job.fail({ code, field: 'path', detail: `${action}: ${(error as Error).message}`, cause: error });
  }
}
