import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** What a load of Type code remembers of a file it read, to tell later whether it changed. */
export function hashSource(source: string): string {
  return createHash('sha256').update(source).digest('hex');
}

/** The hash of a file as it is on disk now; undefined when it cannot be read. */
export function hashFile(path: string): string | undefined {
  try {
    return hashSource(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Whether every file still has the content it had when it was hashed. */
export function filesUnchanged(files: ReadonlyMap<string, string>): boolean {
  for (const [file, hash] of files) if (hashFile(file) !== hash) return false;
  return true;
}
