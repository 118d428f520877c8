import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { errnoOf } from '../fs/DiskFault';
import { compareKeys, RESERVED_SEGMENT_START } from '../fs/diskKeys';

export interface WalkRequest {
  /** rootDir's real path. */
  root: string;
  /** The prefix as stored (the element's prefix included): a string prefix, not a folder. */
  prefix: string;
  delimiter: string | undefined;
  /** Resume after this key or common prefix (from the cursor). */
  after: string | undefined;
  /** Stop once this many entries are found. */
  want: number;
}

export type WalkEntry = { kind: 'key'; key: string } | { kind: 'prefix'; prefix: string };

interface Child {
  name: string;
  folder: boolean;
  /** The entry's path with "/" after a folder: sorting by it gives the keys in byte order. */
  sortKey: Buffer;
}

/** Reads a folder's entries that can hold objects: files and folders, no links, none of ours. */
async function children(root: string, path: string): Promise<Child[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(join(root, path), { withFileTypes: true });
  } catch (error) {
    const errno = errnoOf(error);
    // Removed meanwhile, or a file where the prefix expected a folder: nothing under it.
    if (errno === 'ENOENT' || errno === 'ENOTDIR') return [];
    throw error;
  }
  const found: Child[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith(RESERVED_SEGMENT_START)) continue;
    const folder = entry.isDirectory();
    if (!folder && !entry.isFile()) continue;
    found.push({ name: entry.name, folder, sortKey: Buffer.from(`${path}${entry.name}${folder ? '/' : ''}`, 'utf8') });
  }
  return found.sort((a, b) => Buffer.compare(a.sortKey, b.sortKey));
}

/**
 * The keys under rootDir that start with `prefix`, in the byte order of their UTF-8 forms (S3's
 * order), grouped by `delimiter` into common prefixes as S3 groups them, after `after`, at most
 * `want`. A depth-first walk with each folder's entries sorted by their path plus "/" for
 * folders gives that order; folders wholly before `after` or outside `prefix` are not read, and a
 * folder whose keys all fall into one common prefix is read only until its first object.
 */
export async function walkKeys(request: WalkRequest): Promise<WalkEntry[]> {
  const { root, prefix, delimiter, after, want } = request;
  const found: WalkEntry[] = [];
  let lastGroup: string | undefined;

  const take = (value: string, kind: 'key' | 'prefix'): void => {
    if (after !== undefined && compareKeys(value, after) <= 0) return;
    if (kind === 'prefix') {
      if (value === lastGroup) return;
      lastGroup = value;
      found.push({ kind, prefix: value });
    } else found.push({ kind, key: value });
  };

  /** The common prefix every key under `folder` (ending in "/") falls into, if one does. */
  const groupOfFolder = (folder: string): string | undefined => {
    if (delimiter === undefined || !folder.startsWith(prefix)) return undefined;
    const at = folder.indexOf(delimiter, prefix.length);
    return at !== -1 && at + delimiter.length <= folder.length ? folder.slice(0, at + delimiter.length) : undefined;
  };

  const hasObject = async (folder: string): Promise<boolean> => {
    for (const child of await children(root, folder)) {
      if (!child.folder || (await hasObject(`${folder}${child.name}/`))) return true;
    }
    return false;
  };

  const visit = async (folder: string): Promise<void> => {
    for (const child of await children(root, folder)) {
      if (found.length >= want) return;
      const path = `${folder}${child.name}`;
      if (child.folder) {
        const sub = `${path}/`;
        if (!sub.startsWith(prefix) && !prefix.startsWith(sub)) continue;
        // Every key under it sorts before `after`, and `after` is not inside it.
        if (after !== undefined && compareKeys(sub, after) < 0 && !after.startsWith(sub)) continue;
        const group = groupOfFolder(sub);
        if (group === undefined) await visit(sub);
        else if ((after === undefined || compareKeys(group, after) > 0) && group !== lastGroup) {
          if (await hasObject(sub)) take(group, 'prefix');
        }
        continue;
      }
      if (!path.startsWith(prefix)) continue;
      const at = delimiter === undefined ? -1 : path.indexOf(delimiter, prefix.length);
      if (at === -1) take(path, 'key');
      else take(path.slice(0, at + (delimiter as string).length), 'prefix');
    }
  };

  // Start at the deepest folder the prefix names whole: "a/b/c" starts in "a/b/".
  const cut = prefix.lastIndexOf('/');
  const start = cut === -1 ? '' : prefix.slice(0, cut + 1);
  if (start.split('/').some((segment) => segment.startsWith(RESERVED_SEGMENT_START))) return [];
  await visit(start);
  return found;
}
