import { lstatSync, realpathSync } from 'node:fs';
import { basename, isAbsolute, join, relative, sep } from 'node:path';
import type * as Chokidar from 'chokidar';
import { isSkippedFolder } from '../scan/isSkippedFolder';
import { MAX_FOLDER_DEPTH } from '../scan/scanAppFolder';
import { watchFolderEntry } from './watchFolderEntry';

// Loaded when watching starts: `mti ls`, `mti check` and apps loaded without `watch` never need it.
let chokidar: typeof Chokidar | undefined;

export interface AppWatch {
  close(): Promise<void>;
}

/**
 * A chokidar watcher on the app folder, minus the folders that never hold elements, plus a watch
 * of the app folder's own entry in its parent. Its events are only hints of where to look again:
 * on Linux a folder rename arrives as unlinkDir + addDir, file events may come after their
 * folder's, and in a burst of renames chokidar's bookkeeping falls behind (it skips a second
 * removal of a path within 100 ms, and its re-reads race the renames), so the event of the last
 * one can be missing. Every fs.watch notification (chokidar's `raw` events, never throttled) is
 * passed on too, so the loader, which re-scans the folder after each burst, always hears that
 * something changed. After such a burst chokidar may also list a folder it no longer watches:
 * the loader then starts a new watcher.
 *
 * chokidar follows symlinks but has no loop check: `sub/a -> ..` beside `sub/b -> ..` made it
 * walk paths that never end. So `ignored` turns away every symlink but the `links` the scan
 * followed (each folder once, inside the app only), and `depth` bounds the rest.
 */
export async function watchApp(
  appDir: string,
  links: ReadonlyMap<string, string>,
  onPath: (path: string) => void,
  onError: (error: unknown) => void,
): Promise<AppWatch> {
  chokidar ??= require('chokidar') as typeof Chokidar;
  const relOf = (path: string): string | undefined => {
    const rel = relative(appDir, path);
    if (rel.startsWith('..') || isAbsolute(rel)) return undefined;
    return rel.split(sep).join('/');
  };
  const skipped = (rel: string): boolean => rel.split('/').some((part) => part !== '' && isSkippedFolder(part));
  const unfollowedLink = (path: string, rel: string): boolean => {
    try {
      if (!lstatSync(path).isSymbolicLink()) return false;
      // Checked against where the link leads now: one pointed elsewhere waits for the next scan.
      return links.get(rel) !== realpathSync(path);
    } catch {
      return false;
    }
  };
  const watcher = chokidar.watch(appDir, {
    ignoreInitial: true,
    // Atomic-save detection delays every unlink by 100 ms; the batcher covers that case.
    atomic: false,
    followSymlinks: true,
    depth: MAX_FOLDER_DEPTH,
    // The scan reports folders it cannot read, by their path in the app.
    ignorePermissionErrors: true,
    ignored: (path: string) => {
      const rel = relOf(path);
      return rel === undefined || skipped(rel) || (rel !== '' && unfollowedLink(path, rel));
    },
  });
  watcher.on('all', (_event, path) => onPath(path));
  watcher.on('raw', (_event, name, details) => {
    const watched = (details as { watchedPath?: unknown }).watchedPath;
    if (typeof watched !== 'string') return;
    // A file's own watcher names the file; a folder's names the entry that changed in it.
    const path = typeof name === 'string' && name !== '' && name !== basename(watched) ? join(watched, name) : watched;
    const rel = relOf(path);
    if (rel !== undefined && !skipped(rel)) onPath(path);
  });
  watcher.on('error', onError);
  const stopEntryWatch = watchFolderEntry(appDir, () => onPath(appDir), onError);
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    close: async () => {
      stopEntryWatch();
      await watcher.close();
    },
  };
}
