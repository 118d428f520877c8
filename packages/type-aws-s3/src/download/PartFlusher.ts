import type { FileHandle } from 'node:fs/promises';
import { onDisk } from './LocalFileError';
import type { PartJournal } from './PartJournal';

/**
 * Flushes the temp file's data to the device as parts finish, in the background, then records
 * those parts in the journal (when the download keeps one): a part the journal names is on the
 * device, so a crash of the machine cannot leave a resumed download trusting bytes that were
 * never written. Flushing while the download runs also spreads the write-back over it, rather
 * than leaving a gigabyte for one fsync before the rename.
 */
export class PartFlusher {
  readonly #handle: FileHandle;
  readonly #journal: PartJournal | undefined;
  #waiting: number[] = [];
  #running: Promise<void> | undefined;
  #error: unknown;

  constructor(handle: FileHandle, journal: PartJournal | undefined) {
    this.#handle = handle;
    this.#journal = journal;
  }

  /** Part `index` is written: flushed and recorded soon. */
  done(index: number): void {
    this.#waiting.push(index);
    this.#kick();
  }

  /**
   * Waits until every part marked done is flushed and recorded, then flushes once more: the
   * file's data is on the device when it resolves. Rejects with the first failure.
   */
  async finish(): Promise<void> {
    await this.settle();
    if (this.#error !== undefined) throw this.#error;
    await onDisk('could not flush the file', () => this.#handle.datasync());
  }

  /** Waits until nothing is being flushed or recorded (a failed download, before its file is closed). */
  async settle(): Promise<void> {
    while (this.#running !== undefined) await this.#running;
  }

  #ready(): boolean {
    return this.#waiting.length > 0 && this.#error === undefined;
  }

  /** Starts flushing unless it is under way; once it stops, starts again if a part came meanwhile. */
  #kick(): void {
    if (this.#running !== undefined || !this.#ready()) return;
    this.#running = this.#loop().finally(() => {
      this.#running = undefined;
      this.#kick();
    });
  }

  async #loop(): Promise<void> {
    try {
      while (this.#ready()) {
        const batch = this.#waiting.splice(0);
        await onDisk('could not flush the file', () => this.#handle.datasync());
        await this.#journal?.append(batch);
      }
    } catch (error) {
      this.#error ??= error;
    }
  }
}
