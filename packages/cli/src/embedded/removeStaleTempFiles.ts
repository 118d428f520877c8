import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The folder of each bucket where the patched s3rver writes objects before renaming them in. */
const TEMP_FOLDER = '._S3rver_tmp';

/** Untouched for this long, a temporary file is no write in progress. */
const STALE_MS = 60 * 60 * 1000;

/**
 * Removes what writes cut short by a crash or a kill left in each bucket's temporary folder (s3rver
 * as patched in patches/s3rver@3.7.1.patch writes every object and part there first and renames
 * it into place once whole, so nothing there is anyone's data). Only files untouched for an hour:
 * another mti process may be serving the same folder and writing into it now. Returns how many
 * entries it removed.
 */
export function removeStaleTempFiles(directory: string, now = Date.now()): number {
  let removed = 0;
  for (const bucket of readdirSync(directory, { withFileTypes: true })) {
    if (!bucket.isDirectory()) continue;
    const temp = join(directory, bucket.name, TEMP_FOLDER);
    let entries: string[];
    try {
      entries = readdirSync(temp);
    } catch {
      continue; // no write has happened in this bucket yet
    }
    for (const entry of entries) {
      const path = join(temp, entry);
      try {
        if (now - statSync(path).mtimeMs < STALE_MS) continue;
        rmSync(path, { recursive: true, force: true });
        removed++;
      } catch {
        // Renamed into place or removed meanwhile by a server that is still writing.
      }
    }
  }
  return removed;
}
