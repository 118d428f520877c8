import { randomBytes } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import { type FileHandle, lstat, mkdir, open, realpath, rename, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ErrorCode } from '@mti/core';
import { DiskFault, errnoOf } from './DiskFault';
import { TEMP_START } from './diskKeys';

const notFound = (cause?: unknown): DiskFault => new DiskFault(ErrorCode.NOT_FOUND, 'no such object', cause);

/**
 * The folder under rootDir, and every path below it: each is made of checked segments (never
 * "..", "." or empty: keyProblem and diskKeyProblem see to that), and no symbolic link below
 * rootDir is followed. Folders on the way are checked with realpath, which must give back the
 * path itself; files are opened with O_NOFOLLOW and looked at with lstat. A link is refused with
 * ACCESS_DENIED wherever it leads: one that leads inside could be made to lead outside later.
 *
 * What it cannot rule out is a link put in place between the check and the use by someone who
 * can write under rootDir: that needs openat(2), which Node does not offer.
 */
export class DiskTree {
  readonly rootDir: string;
  readonly #fsync: boolean;
  #root: string | undefined;

  constructor(rootDir: string, fsync: boolean) {
    this.rootDir = rootDir;
    this.#fsync = fsync;
  }

  /** rootDir's real path (rootDir itself may be or pass through a link: that is the owner's choice). */
  async root(create: boolean): Promise<string> {
    if (this.#root !== undefined) return this.#root;
    if (create) await mkdir(this.rootDir, { recursive: true });
    try {
      this.#root = await realpath(this.rootDir);
    } catch (error) {
      if (errnoOf(error) === 'ENOENT') throw notFound(error);
      throw error;
    }
    return this.#root;
  }

  /** A folder's state, refusing a link anywhere on its path. */
  async #folder(root: string, segments: readonly string[]): Promise<'present' | 'missing'> {
    const path = join(root, ...segments);
    let real: string;
    try {
      real = await realpath(path);
    } catch (error) {
      const errno = errnoOf(error);
      if (errno === 'ENOENT') return 'missing';
      if (errno === 'ENOTDIR') {
        throw new DiskFault(ErrorCode.CONFLICT, 'another object is stored where this key needs a folder', error);
      }
      if (errno === 'ELOOP') throw linkRefusal(error);
      throw error;
    }
    if (real !== path) throw linkRefusal();
    return 'present';
  }

  /** The folder for reading: NOT_FOUND when it is missing or is a file. */
  async readFolder(segments: readonly string[]): Promise<string> {
    const root = await this.root(false);
    let state: 'present' | 'missing';
    try {
      state = await this.#folder(root, segments);
    } catch (error) {
      if (error instanceof DiskFault && error.code === ErrorCode.CONFLICT) throw notFound(error);
      throw error;
    }
    if (state === 'missing') throw notFound();
    return join(root, ...segments);
  }

  /**
   * The folder for writing, made if missing. The deepest folder that exists is checked before
   * anything is made, so `mkdir` never creates folders through a link.
   */
  async writeFolder(segments: readonly string[]): Promise<string> {
    const root = await this.root(true);
    if ((await this.#folder(root, segments)) === 'present') return join(root, ...segments);
    for (let depth = segments.length - 1; depth > 0; depth--) {
      if ((await this.#folder(root, segments.slice(0, depth))) === 'present') break;
    }
    try {
      await mkdir(join(root, ...segments), { recursive: true });
    } catch (error) {
      const errno = errnoOf(error);
      if (errno === 'ENOTDIR' || errno === 'EEXIST') {
        throw new DiskFault(ErrorCode.CONFLICT, 'another object is stored where this key needs a folder', error);
      }
      throw error;
    }
    // Made just now: checked again, in case a link appeared on the way meanwhile.
    if ((await this.#folder(root, segments)) === 'missing') throw notFound();
    return join(root, ...segments);
  }

  /** Opens a stored file for reading, never through a link; NOT_FOUND for a folder or nothing. */
  async openFile(segments: readonly string[]): Promise<FileHandle> {
    const folder = await this.readFolder(segments.slice(0, -1));
    let handle: FileHandle;
    try {
      handle = await open(join(folder, segments.at(-1) as string), constants.O_RDONLY | constants.O_NOFOLLOW);
    } catch (error) {
      const errno = errnoOf(error);
      if (errno === 'ENOENT' || errno === 'ENOTDIR') throw notFound(error);
      if (errno === 'ELOOP') throw linkRefusal(error);
      throw error;
    }
    try {
      if (!(await handle.stat()).isFile()) throw notFound();
    } catch (error) {
      await handle.close();
      throw error;
    }
    return handle;
  }

  /** A stored file's lstat: NOT_FOUND for nothing, a folder, or a missing folder on the way; a link is refused. */
  async statFile(segments: readonly string[]): Promise<Stats> {
    const folder = await this.readFolder(segments.slice(0, -1));
    let stat: Stats;
    try {
      stat = await lstat(join(folder, segments.at(-1) as string));
    } catch (error) {
      const errno = errnoOf(error);
      if (errno === 'ENOENT' || errno === 'ENOTDIR') throw notFound(error);
      throw error;
    }
    if (stat.isSymbolicLink()) throw linkRefusal();
    if (!stat.isFile()) throw notFound();
    return stat;
  }

  /** Whether a file is stored at a path; a link on the way is refused, never `false`. */
  async isFile(segments: readonly string[]): Promise<boolean> {
    try {
      await this.statFile(segments);
      return true;
    } catch (error) {
      if (error instanceof DiskFault && error.code === ErrorCode.NOT_FOUND) return false;
      throw error;
    }
  }

  /**
   * A new temporary file in a folder (made if missing), opened for writing. A concurrent delete
   * may remove the folder between its making and the open: made again, a few times.
   */
  async createTemp(folderSegments: readonly string[]): Promise<{ path: string; handle: FileHandle }> {
    for (let attempt = 0; ; attempt++) {
      const folder = await this.writeFolder(folderSegments);
      const path = join(folder, `${TEMP_START}${randomBytes(8).toString('hex')}`);
      try {
        return { path, handle: await open(path, 'wx', 0o666) };
      } catch (error) {
        if (errnoOf(error) === 'ENOTDIR') {
          throw new DiskFault(ErrorCode.CONFLICT, 'another object is stored where this key needs a folder', error);
        }
        if (errnoOf(error) !== 'ENOENT' || attempt >= 3) throw error;
      }
    }
  }

  /** Renames a temporary file over its target; a folder of other objects there is a CONFLICT. */
  async commit(temp: string, segments: readonly string[]): Promise<void> {
    const root = await this.root(true);
    const target = join(root, ...segments);
    try {
      await rename(temp, target);
    } catch (error) {
      const errno = errnoOf(error);
      if (errno === 'EISDIR' || errno === 'ENOTEMPTY' || errno === 'EEXIST') {
        throw new DiskFault(
          ErrorCode.CONFLICT,
          'a folder of other objects has this name: a key cannot be both an object and a folder',
          error,
        );
      }
      throw error;
    }
    await this.syncFolder(join(root, ...segments.slice(0, -1)));
  }

  /** Makes a rename or unlink in a folder durable (when `fsync` is on). */
  async syncFolder(folder: string): Promise<void> {
    if (!this.#fsync) return;
    const handle = await open(folder, constants.O_RDONLY | constants.O_DIRECTORY);
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  get fsync(): boolean {
    return this.#fsync;
  }

  async discard(path: string): Promise<void> {
    await rm(path, { force: true }).catch(() => undefined);
  }

  /**
   * Removes the folders a removal left empty, deepest first, stopping at the first that is not
   * empty; never `stop` segments and above (the tree's own root, or rootDir).
   */
  async prune(folderSegments: readonly string[], stop = 0): Promise<void> {
    const root = await this.root(false).catch(() => undefined);
    if (root === undefined) return;
    for (let depth = folderSegments.length; depth > stop; depth--) {
      try {
        await rmdir(join(root, ...folderSegments.slice(0, depth)));
      } catch {
        return;
      }
    }
  }
}

function linkRefusal(cause?: unknown): DiskFault {
  return new DiskFault(
    ErrorCode.ACCESS_DENIED,
    'the path passes through a symbolic link under rootDir; DiskType follows none',
    cause,
  );
}
