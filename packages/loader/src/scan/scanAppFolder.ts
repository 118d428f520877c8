import { readdirSync, readlinkSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { invalidConfig, unreadableFolder, type ElementError } from '@mti/core';
import { isSkippedFolder } from './isSkippedFolder';

/**
 * How many folder levels below the app folder are scanned and watched. Far beyond any real app;
 * it bounds chokidar, which has no device-and-inode check of its own, should a bind mount loop.
 */
export const MAX_FOLDER_DEPTH = 32;

export interface AppFolderScan {
  /** Folders holding an `e.json`, relative to the app folder, `/`-separated, sorted. */
  folders: string[];
  /** Every folder walked, `''` being the app folder itself: what the watcher should watch. */
  walked: string[];
  /** Symlinked folders walked through, by relative path, with the real path they lead to. */
  links: Map<string, string>;
  /** Folders that could not be read: what is under them is unknown, not gone. */
  unreadable: string[];
  /** Folders not walked, and why: symlinks not followed, unreadable folders, too deep. */
  warnings: ElementError[];
  /** Device and inode of the app folder; undefined when it does not exist. */
  identity: string | undefined;
}

/**
 * Walks the app folder for element folders, visiting each folder once by device and inode.
 * Real folders come first, then symlinked ones, so a folder is known by its own path rather
 * than a link's. A symlink is followed only to a folder inside the app folder that the walk has
 * not reached otherwise (a folder under `.shared`, say); a loop, a second path to a folder, and
 * a link leading outside the app are skipped with a warning naming them.
 */
export function scanAppFolder(root: string): AppFolderScan {
  const scan: AppFolderScan = {
    folders: [],
    walked: [],
    links: new Map(),
    unreadable: [],
    warnings: [],
    identity: undefined,
  };
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
    const stats = statSync(realRoot);
    scan.identity = `${stats.dev}:${stats.ino}`;
  } catch (error) {
    if (!isGone(error)) unreadable(scan, '', error);
    return scan;
  }
  const visited = new Set<string>();
  const pendingLinks: Array<{ rel: string; depth: number }> = [];
  const warn = (rel: string, reason: string): void => {
    scan.warnings.push(invalidConfig({ file: rel }, reason));
  };

  const walk = (rel: string, depth: number): void => {
    const abs = join(root, rel);
    let entries: Dirent[];
    try {
      const stats = statSync(abs);
      const id = `${stats.dev}:${stats.ino}`;
      if (visited.has(id)) {
        warn(rel, 'a second path to a folder already scanned (a bind mount?): not scanned again');
        return;
      }
      visited.add(id);
      entries = readdirSync(abs, { withFileTypes: true });
    } catch (error) {
      // Removed while the walk was under way: the next event's scan will not meet it.
      if (!isGone(error)) unreadable(scan, rel, error);
      return;
    }
    scan.walked.push(rel);
    if (rel !== '' && entries.some((entry) => entry.name === 'e.json' && !entry.isDirectory())) scan.folders.push(rel);
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (isSkippedFolder(entry.name)) continue;
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (!entry.isDirectory() && !entry.isSymbolicLink()) continue;
      if (depth + 1 > MAX_FOLDER_DEPTH) {
        warn(child, `deeper than ${MAX_FOLDER_DEPTH} folder levels: not scanned`);
      } else if (entry.isDirectory()) {
        walk(child, depth + 1);
      } else {
        pendingLinks.push({ rel: child, depth: depth + 1 });
      }
    }
  };

  walk('', 0);
  // Links found while walking linked folders join the queue, and are judged the same way.
  for (let next = pendingLinks.shift(); next !== undefined; next = pendingLinks.shift()) {
    const abs = join(root, next.rel);
    let target: string;
    try {
      target = realpathSync(abs);
      // A link to a file, or one leading nowhere, holds no elements.
      if (!statSync(target).isDirectory()) continue;
    } catch {
      continue;
    }
    const written = readLinkText(abs);
    if (target !== realRoot && !target.startsWith(realRoot + sep)) {
      warn(next.rel, `symlink to ${written} leads outside the app folder: not followed`);
      continue;
    }
    const stats = statSync(target);
    if (visited.has(`${stats.dev}:${stats.ino}`)) {
      const inApp = relative(realRoot, target).split(sep).join('/');
      const shown = inApp === '' ? 'the app folder' : `"${inApp}"`;
      warn(next.rel, `symlink to ${shown}, a folder already scanned (a loop, or a second path to it): not followed`);
      continue;
    }
    scan.links.set(next.rel, target);
    walk(next.rel, next.depth);
  }
  scan.folders.sort();
  return scan;
}

function unreadable(scan: AppFolderScan, rel: string, error: unknown): void {
  const shown = rel === '' ? '.' : rel;
  scan.unreadable.push(rel);
  scan.warnings.push(unreadableFolder({ file: shown }, error, 'elements in it are not loaded'));
}

function isGone(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function readLinkText(abs: string): string {
  try {
    return JSON.stringify(readlinkSync(abs));
  } catch {
    return 'a folder';
  }
}
