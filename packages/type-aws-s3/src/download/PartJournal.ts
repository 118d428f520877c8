import { type FileHandle, open, readFile, rm } from 'node:fs/promises';
import { onDisk } from './LocalFileError';

/** Which object, and how it is cut, the parts of a journal belong to. */
export interface JournalHeader {
  v: 1;
  bucket: string;
  key: string;
  etag: string;
  size: number;
  partSize: number;
}

/**
 * A resumable download's record of its finished parts, beside its temp file: one JSON line (the
 * header), then one line per part, its index. A part is appended only once its bytes have been
 * flushed to the device (PartFlusher), so a part the journal names survives a crash of the
 * process or the machine; a line cut off by a crash has no newline and is ignored. Lines, not a
 * JSON document rewritten each time, so recording a part is one small append.
 */
export class PartJournal {
  readonly #handle: FileHandle;

  private constructor(handle: FileHandle) {
    this.#handle = handle;
  }

  /** The journal at `path`, or undefined when there is none or it cannot be read as one. */
  static async read(path: string): Promise<{ header: JournalHeader; parts: Set<number> } | undefined> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      return undefined;
    }
    const lines = text.split('\n');
    // The last element is what follows the last newline: a line cut off, or nothing.
    lines.pop();
    const [first, ...rest] = lines;
    let header: JournalHeader;
    try {
      header = JSON.parse(first ?? '') as JournalHeader;
    } catch {
      return undefined;
    }
    if (header?.v !== 1 || !Number.isSafeInteger(header.size) || !Number.isSafeInteger(header.partSize)) {
      return undefined;
    }
    if (header.partSize < 1) return undefined;
    const parts = new Set<number>();
    for (const line of rest) {
      if (!/^\d{1,9}$/.test(line)) return undefined;
      parts.add(Number(line));
    }
    return { header, parts };
  }

  /** A new journal holding only `header`, on the device before any part is written. */
  static async create(path: string, header: JournalHeader): Promise<PartJournal> {
    return onDisk('could not write the download journal', async () => {
      // Removed first: a crash must never leave the old header above the new parts' lines.
      await rm(path, { force: true });
      const handle = await open(path, 'wx');
      try {
        await handle.writeFile(`${JSON.stringify(header)}\n`);
        await handle.sync();
      } catch (error) {
        await handle.close();
        throw error;
      }
      return new PartJournal(handle);
    });
  }

  /** The existing journal, to append to. */
  static async reopen(path: string): Promise<PartJournal> {
    return onDisk('could not open the download journal', async () => new PartJournal(await open(path, 'a')));
  }

  static async remove(path: string): Promise<void> {
    await rm(path, { force: true }).catch(() => undefined);
  }

  async append(parts: readonly number[]): Promise<void> {
    if (parts.length === 0) return;
    await onDisk('could not write the download journal', () =>
      this.#handle.appendFile(parts.map((index) => `${index}\n`).join('')),
    );
  }

  async close(): Promise<void> {
    await this.#handle.close().catch(() => undefined);
  }
}
