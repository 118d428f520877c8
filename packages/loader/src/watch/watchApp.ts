import { relative } from 'node:path';
import type * as Chokidar from 'chokidar';
import type { FSWatcher } from 'chokidar';
import { isSkippedFolder } from '../scan/findElementFolders';

// Loaded when watching starts: `mti ls`, `mti check` and apps loaded without `watch` never need it.
let chokidar: typeof Chokidar | undefined;

/**
 * A chokidar watcher on the whole app folder, minus the folders that never hold elements.
 * Its events are only hints of where to look again: on Linux a folder rename arrives as
 * unlinkDir + addDir and file events may come after their folder's, so the loader re-reads
 * from disk instead of trusting the event kind.
 */
export async function watchApp(
  appDir: string,
  onPath: (path: string) => void,
  onError: (error: unknown) => void,
): Promise<FSWatcher> {
  chokidar ??= require('chokidar') as typeof Chokidar;
  const watcher = chokidar.watch(appDir, {
    ignoreInitial: true,
    // Atomic-save detection delays every unlink by 100 ms; the batcher covers that case.
    atomic: false,
    ignored: (path) =>
      relative(appDir, path)
        .split(/[\\/]/)
        .some((part) => part !== '' && isSkippedFolder(part)),
  });
  watcher.on('all', (_event, path) => onPath(path));
  watcher.on('error', onError);
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return watcher;
}
