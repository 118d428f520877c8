import { type FileHandle, open, rm } from 'node:fs/promises';
import type { DownloadPaths } from './downloadPaths';
import { onDisk } from './LocalFileError';
import { type JournalHeader, PartJournal } from './PartJournal';
import { partCount, partRange } from './partRanges';

/** The temp file a download writes into, and what it already holds. */
export interface PartFile {
  handle: FileHandle;
  journal: PartJournal | undefined;
  /** May differ from the one asked for: a resumed download keeps its journal's. */
  partSize: number;
  /** Parts already complete on the device (resumed downloads only). */
  done: Set<number>;
}

/**
 * Opens a download's temp file. A resumable download continues from its journal when that
 * journal is of the same object version (bucket, key, ETag and size; not the endpoint, whose
 * address may change while the server stays the same) and the temp file is still there and long
 * enough for the parts it names; it then keeps the journal's part size, since its parts were cut
 * by it. Otherwise it starts over: the journal is made anew and the temp file emptied.
 */
export async function openPartFile(
  paths: DownloadPaths,
  object: Omit<JournalHeader, 'v' | 'partSize'>,
  partSize: number,
): Promise<PartFile> {
  if (paths.journal === undefined) {
    const handle = await onDisk('could not create the temp file', () => open(paths.temp, 'wx+'));
    return { handle, journal: undefined, partSize, done: new Set() };
  }
  const resumed = await resumeFrom(paths.temp, paths.journal, object);
  if (resumed !== undefined) return resumed;
  const header: JournalHeader = { v: 1, ...object, partSize };
  const journal = await PartJournal.create(paths.journal, header);
  try {
    const handle = await onDisk('could not create the temp file', async () => {
      await rm(paths.temp, { force: true });
      return open(paths.temp, 'wx+');
    });
    return { handle, journal, partSize, done: new Set() };
  } catch (error) {
    await journal.close();
    throw error;
  }
}

async function resumeFrom(
  temp: string,
  journalPath: string,
  object: Omit<JournalHeader, 'v' | 'partSize'>,
): Promise<PartFile | undefined> {
  const found = await PartJournal.read(journalPath);
  if (found === undefined) return undefined;
  const { header, parts } = found;
  const same =
    header.bucket === object.bucket &&
    header.key === object.key &&
    header.etag === object.etag &&
    header.size === object.size;
  if (!same) return undefined;
  const count = partCount(header.size, header.partSize);
  const done = new Set([...parts].filter((index) => index < count));
  let handle: FileHandle;
  try {
    handle = await open(temp, 'r+');
  } catch {
    return undefined;
  }
  try {
    const { size } = await handle.stat();
    let needed = 0;
    for (const index of done) needed = Math.max(needed, partRange(index, header.size, header.partSize).end + 1);
    if (size < needed) {
      await handle.close();
      return undefined;
    }
    return { handle, journal: await PartJournal.reopen(journalPath), partSize: header.partSize, done };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
