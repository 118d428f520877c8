import { scanAppFolder } from './scanAppFolder';

/**
 * Every folder under `root` that holds an `e.json`, as `/`-separated paths relative to `root`,
 * found as the loader finds them (scanAppFolder: each folder once, symlinks only inside the app).
 */
export function findElementFolders(root: string): string[] {
  return scanAppFolder(root).folders;
}
