import { resolve } from 'node:path';
import type { TypeCodeCache } from './code/TypeCodeCache';
import { readElementRecord, type ReadElement } from './scan/readElementRecord';

/** Rounds of check-then-read before a file that keeps changing is left to its next change. */
const ROUNDS = 3;

/**
 * Folders read at once: enough to keep libuv's four file threads busy, few enough that an app of
 * thousands of elements never holds thousands of open files.
 */
const READS_AT_ONCE = 16;

/**
 * Reads element folders as `readElementRecord` does, checking first (in a worker thread: see
 * TypeCodeCache.check) the Type code they import that has not been checked. The first read of a
 * folder finds which entries need a check; a folder whose read hit one is read again after the
 * check. A file that changes during its check needs another round; after the last, its element
 * reads as in error ("changed while it was being checked") until the watcher sees the change.
 * Undefined for a folder that is no element any more.
 */
export async function readWithCheckedCode(
  appDir: string,
  folders: Iterable<string>,
  code: TypeCodeCache,
): Promise<Map<string, ReadElement | undefined>> {
  const reads = new Map<string, ReadElement | undefined>();
  code.takeUnchecked();
  let pending = [...folders];
  for (let round = 1; pending.length > 0; round++) {
    await readFolders(appDir, pending, code, reads);
    const unchecked = code.takeUnchecked();
    if (unchecked.size === 0 || round === ROUNDS) break;
    await code.check(unchecked);
    pending = pending.filter((folder) => {
      const entry = reads.get(folder)?.record.files?.code;
      return entry !== undefined && unchecked.has(resolve(appDir, entry));
    });
  }
  return reads;
}

/** Reads `folders` into `reads`, READS_AT_ONCE at a time. */
export async function readFolders(
  appDir: string,
  folders: readonly string[],
  code: TypeCodeCache,
  reads: Map<string, ReadElement | undefined>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < folders.length) {
      const folder = folders[next++] as string;
      reads.set(folder, await readElementRecord(appDir, folder, code));
    }
  };
  await Promise.all(Array.from({ length: Math.min(READS_AT_ONCE, folders.length) }, worker));
}
