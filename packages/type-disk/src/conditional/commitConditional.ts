import { conditionFailure, ErrorCode, type WriteConditions } from '@mti/core';
import { DiskFault } from '../fs/DiskFault';
import type { DiskTree } from '../fs/DiskTree';
import { linkIntoPlace } from './linkIntoPlace';

/**
 * Puts a written temporary file at its key if the write's conditions hold, under the key's lock
 * (the caller holds it). Create only (`ifNoneMatch: '*'`) is a link, atomic across processes.
 * Replace only (`ifMatch`) compares the stored object's ETag and then renames: atomic against
 * every write of this process, which takes the same lock, but not against another process
 * writing under the same rootDir between the two steps; no file-system call compares and
 * replaces in one step.
 */
export async function commitConditional(
  tree: DiskTree,
  temp: string,
  segments: readonly string[],
  conditions: WriteConditions,
  currentEtag: () => Promise<string | undefined>,
): Promise<void> {
  if (conditions.ifNoneMatch === '*') return linkIntoPlace(tree, temp, segments);
  const failure = conditionFailure(conditions, await currentEtag());
  if (failure !== undefined) throw new DiskFault(ErrorCode.CONFLICT, failure);
  await tree.commit(temp, segments);
}
