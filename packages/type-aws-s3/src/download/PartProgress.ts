import type { DownloadProgress } from '@mti/core';

/** `onProgress` of a download: bytes in the file counted per part, so a part fetched again is not counted twice. */
export class PartProgress {
  readonly #total: number;
  readonly #report: ((progress: DownloadProgress) => void) | undefined;
  readonly #parts = new Map<number, number>();
  #loaded = 0;

  constructor(total: number, report: ((progress: DownloadProgress) => void) | undefined) {
    this.#total = total;
    this.#report = report;
  }

  add(index: number, bytes: number): void {
    this.kept(index, bytes);
    this.report();
  }

  /** Counts bytes without a report: the parts a resumed download found, reported once together. */
  kept(index: number, bytes: number): void {
    this.#parts.set(index, (this.#parts.get(index) ?? 0) + bytes);
    this.#loaded += bytes;
  }

  /** The part is fetched again from its start: its bytes so far no longer count. */
  forget(index: number): void {
    this.#loaded -= this.#parts.get(index) ?? 0;
    this.#parts.delete(index);
  }

  report(): void {
    this.#report?.({ loaded: this.#loaded, total: this.#total });
  }
}
