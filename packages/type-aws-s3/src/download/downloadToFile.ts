import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { HeadObjectCommandOutput } from '@aws-sdk/client-s3';
import { type DownloadProgress, downloadTargetProblem, ErrorCode, type ErrorDescription } from '@mti/core';
import { resolveEndpoint } from '../config/resolveEndpoint';
import { BodyDigestMismatch } from '../errors/BodyDigestMismatch';
import { bodyMd5 } from '../io/bodyMd5';
import { quoteEtag } from '../io/quoteEtag';
import { downloadPaths } from './downloadPaths';
import { DownloadLock, DownloadLocked } from './DownloadLock';
import { ifMatchEtag } from './etagForms';
import type { PinnedObject } from './fetchPart';
import { fetchParts } from './fetchParts';
import { LocalFileError, onDisk } from './LocalFileError';
import { ObjectChanged } from './ObjectChanged';
import { openPartFile, type PartFile } from './openPartFile';
import { OrderedMd5 } from './OrderedMd5';
import { PartFlusher } from './PartFlusher';
import { PartProgress } from './PartProgress';
import { partCount, partRange } from './partRanges';

/** Each connection reads into one buffer of this size: concurrency × this is what the parts hold. */
const READ_BUFFER_BYTES = 256 * 1024;

export interface DownloadJob {
  /** The element's endPoint: AWS's or another server's (the If-Match form, etagForms.ts). */
  endpoint: string;
  /** Bucket and S3 key: with the ETag and size, what a resumable download's journal is of. */
  bucket: string;
  s3Key: string;
  path: string;
  concurrency: number;
  partSize: number;
  resume: boolean;
  /** Tries per part (the element's maxAttempts). */
  attempts: number;
  /** The element's timeoutMs: no byte for this long fails a request. */
  timeoutMs: number;
  onProgress: ((progress: DownloadProgress) => void) | undefined;
  /** HeadObject of the key, failures already explained (a missing bucket). */
  head: () => Promise<HeadObjectCommandOutput>;
  /** A presigned GET of the key, signed by the element's client. */
  presign: () => Promise<string>;
  /** The element's error for a failure this module recognised: a CONFLICT, a local file's. */
  fail: (failure: ErrorDescription & { field?: string; cause?: unknown }) => Error;
}

export interface DownloadedFile {
  path: string;
  size: number;
  etag: string;
}

/**
 * `downloadToFile`: HeadObject learns the object's size and ETag; the missing parts are fetched
 * by `concurrency` ranged GETs at a time, each pinned to that ETag (fetchPart), written at their
 * offsets into a temp file beside `path`; the file is checked (every part's length; the MD5 of a
 * single-part object), flushed to the device, and renamed onto `path`. Nothing is ever at `path`
 * but a whole, checked object. On failure the temp file is removed, unless the download is
 * resumable and what it holds is still of the current version (then it stays, with its journal,
 * for the next call with `resume`).
 */
export async function downloadToFile(job: DownloadJob): Promise<DownloadedFile> {
  const refused = await downloadTargetProblem(job.path);
  if (refused !== undefined) throw job.fail({ code: ErrorCode.INVALID_ARGUMENT, ...refused });
  const head = await job.head();
  if (head.ETag === undefined) throw new Error('the server sent no ETag, so the parts cannot be pinned to one version');
  const size = head.ContentLength ?? 0;
  const pinned: PinnedObject = {
    size,
    etag: head.ETag,
    ifMatch: ifMatchEtag(head.ETag, resolveEndpoint(job.endpoint, undefined).aws),
    presign: job.presign,
  };
  const paths = downloadPaths(job.path, job.resume);
  const lock = paths.lock === undefined ? undefined : await DownloadLock.acquire(paths.lock).catch(rethrown(job));
  try {
    const file = await openPartFile(
      paths,
      { bucket: job.bucket, key: job.s3Key, etag: head.ETag, size },
      job.partSize,
    ).catch(rethrown(job));
    await fillPartFile(job, pinned, file, bodyMd5(head))
      .then(() => onDisk('could not rename the file into place', () => rename(paths.temp, job.path)))
      .catch(async (error: unknown) => {
        // What a resumable download fetched stays for the next call, unless it is of a version
        // that is gone or failed its check.
        if (!job.resume || error instanceof ObjectChanged || error instanceof BodyDigestMismatch) {
          await rm(paths.temp, { force: true }).catch(() => undefined);
          if (paths.journal !== undefined) await rm(paths.journal, { force: true }).catch(() => undefined);
        }
        return rethrown(job)(error);
      });
    if (paths.journal !== undefined) await rm(paths.journal, { force: true }).catch(() => undefined);
    await syncFolder(dirname(job.path));
    return { path: job.path, size, etag: quoteEtag(head.ETag) };
  } finally {
    await lock?.release();
  }
}

/**
 * Fetches the parts the temp file lacks and checks the whole (MD5, when the ETag is one), then
 * flushes it to the device; closes it either way. Parts written before a failure are still
 * recorded in the journal, for a resumable download to continue from.
 */
async function fillPartFile(
  job: DownloadJob,
  pinned: PinnedObject,
  { handle, journal, partSize, done }: PartFile,
  expectedMd5: string | undefined,
): Promise<void> {
  const count = partCount(pinned.size, partSize);
  const range = (index: number) => partRange(index, pinned.size, partSize);
  const flusher = new PartFlusher(handle, journal);
  const md5 = expectedMd5 === undefined ? undefined : new OrderedMd5(handle, expectedMd5, count, range);
  const progress = new PartProgress(pinned.size, job.onProgress);
  for (const index of done) {
    progress.kept(index, range(index).end - range(index).start + 1);
    md5?.done(index);
  }
  if (done.size > 0) progress.report();
  try {
    await fetchParts({
      pinned,
      handle,
      missing: Array.from({ length: count }, (_, index) => index).filter((index) => !done.has(index)),
      range,
      concurrency: job.concurrency,
      attempts: job.attempts,
      connection: {
        bufferBytes: READ_BUFFER_BYTES,
        timeoutMs: job.timeoutMs,
        connectTimeoutMs: Math.min(job.timeoutMs, 10_000),
      },
      progress,
      done: (index) => {
        flusher.done(index);
        md5?.done(index);
      },
    });
    await md5?.verify();
    await flusher.finish();
    progress.report();
  } catch (error) {
    md5?.stop();
    // Nothing may touch the file once it is closed.
    await Promise.all([flusher.settle(), md5?.settle()]);
    throw error;
  } finally {
    await handle.close().catch(() => undefined);
    await journal?.close();
  }
}

/** Makes the rename durable; where a folder cannot be opened or synced (not Linux), it is skipped. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r').catch(() => undefined);
  if (handle === undefined) return;
  try {
    await handle.sync();
  } catch {
    // Not every platform syncs a folder; the rename itself is done.
  } finally {
    await handle.close();
  }
}

/** This module's own failures as the element's errors; any other (the server's) as it is. */
function rethrown(job: DownloadJob): (error: unknown) => never {
  return (error: unknown) => {
    if (error instanceof ObjectChanged) throw job.fail({ code: ErrorCode.CONFLICT, detail: error.message });
    if (error instanceof DownloadLocked) {
      throw job.fail({ code: ErrorCode.CONFLICT, field: 'path', detail: error.message });
    }
    if (error instanceof LocalFileError) throw job.fail({ ...error.describe(), field: 'path', cause: error.cause });
    throw error;
  };
}
