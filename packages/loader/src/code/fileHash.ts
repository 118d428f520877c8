import { readFileSync } from 'node:fs';
import { sha256Hex } from '@mti/core';

/**
 * The hash of a file as it is on disk now, as ModuleEvaluator hashes what a load reads (so a
 * reload can tell whether it changed); undefined when it cannot be read.
 */
export function hashFile(path: string): string | undefined {
  try {
    return sha256Hex(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Whether every file still has the content it had when it was hashed. */
export function filesUnchanged(files: ReadonlyMap<string, string>): boolean {
  for (const [file, hash] of files) if (hashFile(file) !== hash) return false;
  return true;
}
