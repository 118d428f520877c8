import type { FileHandle } from 'node:fs/promises';
import { BackgroundSteps } from './BackgroundSteps';
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
  readonly #steps = new BackgroundSteps(
    () => this.#waiting.length > 0,
    () => this.#flushWaiting(),
  );
  #waiting: number[] = [];

  constructor(handle: FileHandle, journal: PartJournal | undefined) {
    this.#handle = handle;
    this.#journal = journal;
  }

  /** Part `index` is written: flushed and recorded soon. */
  done(index: number): void {
    this.#waiting.push(index);
    this.#steps.kick();
  }

  /**
   * Waits until every part marked done is flushed and recorded, then flushes once more: the
   * file's data is on the device when it resolves. Rejects with the first failure.
   */
  async finish(): Promise<void> {
    await this.#steps.finish();
    await onDisk('could not flush the file', () => this.#handle.datasync());
  }

  /** Waits until nothing is being flushed or recorded (a failed download, before its file is closed). */
  settle(): Promise<void> {
    return this.#steps.settle();
  }

  /** Flushes what was written so far, then records the parts that were waiting in the journal. */
  async #flushWaiting(): Promise<void> {
    const batch = this.#waiting.splice(0);
    await onDisk('could not flush the file', () => this.#handle.datasync());
    await this.#journal?.append(batch);
  }
}
