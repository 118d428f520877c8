import { link, lstat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ErrorCode } from '@mti/core';
import { DiskFault, errnoOf } from '../fs/DiskFault';
import type { DiskTree } from '../fs/DiskTree';

/**
 * Puts a written temporary file at its key only if nothing is there: `link(2)` fails with EEXIST
 * when the name is taken, atomically, for every process on the machine (rename would replace
 * it). The temporary name is then removed, leaving the file under its key alone.
 */
export async function linkIntoPlace(tree: DiskTree, temp: string, segments: readonly string[]): Promise<void> {
  const root = await tree.root(true);
  const target = join(root, ...segments);
  try {
    await link(temp, target);
  } catch (error) {
    if (errnoOf(error) !== 'EEXIST') throw error;
    const folder = await lstat(target).then(
      (stat) => stat.isDirectory(),
      () => false,
    );
    throw new DiskFault(
      ErrorCode.CONFLICT,
      folder
        ? 'a folder of other objects has this name: a key cannot be both an object and a folder'
        : 'an object is stored at this key (ifNoneMatch: "*" creates only)',
      error,
    );
  }
  // The object is in place; a temporary name left behind is harmless (list never shows one).
  await unlink(temp).catch(() => undefined);
  await tree.syncFolder(join(root, ...segments.slice(0, -1)));
}
