import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { link, readFile, rm, writeFile } from 'node:fs/promises';
import { LocalFileError } from './LocalFileError';

interface LockRecord {
  pid: number;
  host: string;
  token: string;
}

/** Another resumable download into the same path is running: they would write one temp file. */
export class DownloadLocked extends Error {
  constructor(lockPath: string, holder: LockRecord | undefined) {
    super(
      holder === undefined
        ? `another download into this path holds ${lockPath}`
        : `another download into this path is under way (process ${holder.pid} on ${holder.host}); ` +
            `remove ${lockPath} if it is not`,
    );
    this.name = 'DownloadLocked';
  }
}

/**
 * The lock a resumable download holds on its temp file: a file holding the owner's process id. A
 * lock whose process has died on this host (a crash, SIGKILL) is stale and taken over, so a
 * killed download can be resumed without anyone cleaning up. Not proof against two processes
 * that find the same stale lock at the same instant (Node has no flock): each removes it and
 * links its own, and the second may remove the first's.
 */
export class DownloadLock {
  readonly #path: string;
  readonly #token: string;

  private constructor(path: string, token: string) {
    this.#path = path;
    this.#token = token;
  }

  static async acquire(path: string): Promise<DownloadLock> {
    const record: LockRecord = { pid: process.pid, host: hostname(), token: randomBytes(8).toString('hex') };
    // Written whole under a name of its own, then linked into place: link fails when the lock
    // exists, as O_EXCL would, and a lock is never seen empty or half written.
    const draft = `${path}.${record.token}`;
    try {
      await writeFile(draft, JSON.stringify(record), { flag: 'wx' });
    } catch (error) {
      throw new LocalFileError('could not write the download lock', error);
    }
    try {
      for (let attempt = 0; attempt < 2; attempt++) {
        try {
          await link(draft, path);
          return new DownloadLock(path, record.token);
        } catch (error) {
          if ((error as { code?: unknown }).code !== 'EEXIST') {
            throw new LocalFileError('could not take the download lock', error);
          }
        }
        const holder = await readRecord(path);
        if (holder === undefined || holder.host !== record.host || alive(holder.pid)) {
          throw new DownloadLocked(path, holder);
        }
        // Its owner is gone.
        await rm(path, { force: true });
      }
      throw new DownloadLocked(path, await readRecord(path));
    } finally {
      await rm(draft, { force: true }).catch(() => undefined);
    }
  }

  /** Removes the lock, if it is still this one's. */
  async release(): Promise<void> {
    const holder = await readRecord(this.#path);
    if (holder?.token === this.#token) await rm(this.#path, { force: true }).catch(() => undefined);
  }
}

async function readRecord(path: string): Promise<LockRecord | undefined> {
  try {
    const record = JSON.parse(await readFile(path, 'utf8')) as LockRecord;
    return typeof record?.pid === 'number' && typeof record.host === 'string' ? record : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as { code?: unknown }).code === 'EPERM';
  }
}
