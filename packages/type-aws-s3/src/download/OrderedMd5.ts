import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { BodyDigestMismatch } from '../errors/BodyDigestMismatch';
import { BackgroundSteps } from './BackgroundSteps';
import { onDisk } from './LocalFileError';
import type { PartRange } from './partRanges';

/** Read back this much at a time, into one buffer reused for the whole file. */
const READ_BYTES = 1024 * 1024;

/**
 * The MD5 of the downloaded file, for an object whose ETag is one (a single-part upload; see
 * io/bodyMd5.ts). Parts arrive out of order and MD5 cannot be combined from pieces, so each part
 * is read back from the temp file (from the page cache: it was just written) and hashed in
 * order, in the background as soon as every part before it is done: most of the hashing is over
 * by the time the last part arrives.
 */
export class OrderedMd5 {
  readonly #handle: FileHandle;
  readonly #expected: string;
  readonly #count: number;
  readonly #range: (index: number) => PartRange;
  readonly #hash = createHash('md5');
  readonly #done = new Set<number>();
  readonly #steps = new BackgroundSteps(
    () => !this.#stopped && this.#done.has(this.#next),
    () => this.#hashNext(),
  );
  #next = 0;
  #buffer: Buffer | undefined;
  #stopped = false;

  constructor(handle: FileHandle, expected: string, count: number, range: (index: number) => PartRange) {
    this.#handle = handle;
    this.#expected = expected;
    this.#count = count;
    this.#range = range;
  }

  /** Part `index` is in the file. */
  done(index: number): void {
    this.#done.add(index);
    this.#steps.kick();
  }

  /** Once every part is done: rejects with BodyDigestMismatch unless the file's MD5 is the ETag's. */
  async verify(): Promise<void> {
    await this.#steps.finish();
    if (this.#next !== this.#count) throw new Error(`hashed ${this.#next} of ${this.#count} parts`);
    const actual = this.#hash.digest('hex');
    if (actual !== this.#expected) throw new BodyDigestMismatch(actual, this.#expected);
  }

  /** No more hashing (the download failed); `settle` then waits for the read under way. */
  stop(): void {
    this.#stopped = true;
  }

  settle(): Promise<void> {
    return this.#steps.settle();
  }

  /** Hashes the next part in order (the one `#done` has, as the steps' `ready` checked). */
  async #hashNext(): Promise<void> {
    await this.#hashPart(this.#range(this.#next));
    this.#done.delete(this.#next);
    this.#next++;
  }

  async #hashPart({ start, end }: PartRange): Promise<void> {
    const buffer = (this.#buffer ??= Buffer.allocUnsafeSlow(READ_BYTES));
    for (let position = start; position <= end;) {
      const wanted = Math.min(buffer.length, end + 1 - position);
      const { bytesRead } = await onDisk('could not read the file back', () =>
        this.#handle.read(buffer, 0, wanted, position),
      );
      if (bytesRead === 0) throw new Error(`the file ends at ${position}, before its part ends at ${end}`);
      this.#hash.update(buffer.subarray(0, bytesRead));
      position += bytesRead;
    }
  }
}
