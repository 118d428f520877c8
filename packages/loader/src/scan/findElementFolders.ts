import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Folders never holding elements: dependencies, build output, and dot-folders (.git, .mti). */
export function isSkippedFolder(name: string): boolean {
  return name === 'node_modules' || name === 'dist' || name.startsWith('.');
}

/**
 * Every folder under `root/start` that holds an `e.json`, as `/`-separated paths relative to
 * `root`. Symlinked folders are not followed.
 */
export function findElementFolders(root: string, start = ''): string[] {
  const found: string[] = [];
  const walk = (rel: string): void => {
    const abs = join(root, rel);
    if (rel !== '' && existsSync(join(abs, 'e.json'))) found.push(rel);
    let entries;
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.isDirectory() && !isSkippedFolder(entry.name)) walk(rel === '' ? entry.name : `${rel}/${entry.name}`);
    }
  };
  walk(start);
  return found.sort();
}
