import { createHash } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import { type FileHandle, readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { errnoOf } from './DiskFault';

/**
 * What is kept beside an object, at `<rootDir>/.mti-meta/<key>` (the same path as the object's
 * own, so the two trees have the same shape and the same conflicts). It names the file it
 * describes by inode, size and mtime: a sidecar that does not match its file (one replaced by
 * another program, or a crash between the two renames of a write) is ignored, and the object is
 * described from the file alone.
 */
export interface SidecarRecord {
  v: 1;
  ino: number;
  size: number;
  mtimeMs: number;
  /** MD5 of the bytes, hex. */
  md5: string;
  contentType: string;
  metadata: Record<string, string>;
  storageClass: string;
  cacheControl?: string;
  contentDisposition?: string;
}

/** The fields of a sidecar that describe the object, not the file. */
export type ObjectFields = Pick<
  SidecarRecord,
  'contentType' | 'metadata' | 'storageClass' | 'cacheControl' | 'contentDisposition'
>;

export function sidecarFor(stat: Stats, md5: string, fields: ObjectFields): SidecarRecord {
  return { ...fields, v: 1, ino: stat.ino, size: stat.size, mtimeMs: stat.mtimeMs, md5 };
}

export function matches(record: SidecarRecord | undefined, stat: Stats): record is SidecarRecord {
  return (
    record !== undefined && record.ino === stat.ino && record.size === stat.size && record.mtimeMs === stat.mtimeMs
  );
}

export async function readSidecar(path: string): Promise<SidecarRecord | undefined> {
  let text: string;
  try {
    // A link in the metadata tree is ignored, like a sidecar that does not match.
    text = await readFile(path, { encoding: 'utf8', flag: constants.O_RDONLY | constants.O_NOFOLLOW });
  } catch (error) {
    const errno = errnoOf(error);
    if (errno === 'ENOENT' || errno === 'ENOTDIR' || errno === 'EISDIR' || errno === 'ELOOP') return undefined;
    throw error;
  }
  try {
    const record = JSON.parse(text) as SidecarRecord;
    return record !== null && typeof record === 'object' && record.v === 1 ? record : undefined;
  } catch {
    // A torn or foreign file: described from the object's file instead.
    return undefined;
  }
}

/** MD5 of a file's bytes, hex, read through an open handle. */
export async function md5OfHandle(handle: FileHandle): Promise<string> {
  const hash = createHash('md5');
  const buffer = Buffer.allocUnsafe(256 * 1024);
  for (let position = 0; ;) {
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
    if (bytesRead === 0) break;
    hash.update(buffer.subarray(0, bytesRead));
    position += bytesRead;
  }
  return hash.digest('hex');
}

/**
 * The sidecar that matches a file, or undefined. A sidecar that exists but does not match may be
 * one whose write is between its two renames: looked at again, twice, before giving up on it.
 */
export async function matchingSidecar(
  path: string,
  statFile: () => Promise<Stats>,
): Promise<{ stat: Stats; record: SidecarRecord | undefined }> {
  for (let attempt = 0; ; attempt++) {
    const stat = await statFile();
    const record = await readSidecar(path);
    if (record === undefined || matches(record, stat) || attempt >= 2) {
      return { stat, record: matches(record, stat) ? record : undefined };
    }
    await sleep(attempt === 0 ? 2 : 10);
  }
}
