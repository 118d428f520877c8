import { watch } from 'node:fs';
import { basename, dirname } from 'node:path';

/**
 * Calls `onChange` when the entry of `folder` in its parent changes: the folder was removed,
 * created, renamed over, or (when it is a symlink) pointed elsewhere. chokidar follows a folder's
 * contents, not the folder itself: once the app folder is removed and made again, chokidar's
 * watches are on the old, deleted folder, and nothing more would arrive.
 */
export function watchFolderEntry(folder: string, onChange: () => void, onError: (error: unknown) => void): () => void {
  const name = basename(folder);
  try {
    const watcher = watch(dirname(folder), { persistent: true }, (_event, changed) => {
      if (changed === null || changed === name) onChange();
    });
    watcher.on('error', onError);
    return () => watcher.close();
  } catch (error) {
    // A parent that cannot be watched costs only this recovery; the app folder is still watched.
    onError(error);
    return () => undefined;
  }
}
