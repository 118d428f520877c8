import { randomBytes } from 'node:crypto';
import { open, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Writes `<folder>/<name>` so that readers (the watcher, the loader) see the old file or the
 * new one, never half of one: a temp file in the same folder (same file system), flushed, then
 * renamed over. The rename replaces the directory entry itself, so a symlink in its place is
 * replaced, not written through. A replaced file keeps its mode; a new one gets `mode`.
 */
export async function writeFileAtomic(folder: string, name: string, text: string, mode: number): Promise<void> {
  const target = join(folder, name);
  const kept = await stat(target).then(
    (stats) => stats.mode & 0o777,
    () => mode,
  );
  // A dot name: the loader's scan and editors pass over it if a crash leaves it behind.
  const temp = join(folder, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
  const file = await open(temp, 'wx', kept);
  try {
    await file.writeFile(text, 'utf8');
    await file.sync();
  } catch (error) {
    await file.close();
    await unlink(temp).catch(() => {});
    throw error;
  }
  await file.close();
  try {
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
}
