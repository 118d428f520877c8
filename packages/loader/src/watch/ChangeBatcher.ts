export interface BatchTiming {
  /** A batch waits this long after its latest event (editors save in several steps). */
  quietMs: number;
  /**
   * ...and at least this long after its first: chokidar drops further `change` events for a file
   * during 50 ms after one, with no trailing event. (The loader also passes on chokidar's `raw`
   * fs.watch notifications, which are never dropped, so a write after a batch starts another.)
   */
  minDelayMs: number;
  /** ...but never longer than this after its first event, however busy the folder is. */
  maxWaitMs: number;
}

/**
 * Gathers file events into one batch per burst, so that an editor's save (temp file, rename,
 * several writes) reads as one change, without chokidar's awaitWriteFinish, whose polling alone
 * costs seconds.
 */
export class ChangeBatcher {
  readonly #timing: BatchTiming;
  readonly #flush: (paths: Set<string>, firstAt: number, lastAt: number) => void;
  #paths = new Set<string>();
  #firstAt = 0;
  #lastAt = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(timing: BatchTiming, flush: (paths: Set<string>, firstAt: number, lastAt: number) => void) {
    this.#timing = timing;
    this.#flush = flush;
  }

  push(path: string): void {
    const now = performance.now();
    if (this.#paths.size === 0) this.#firstAt = now;
    this.#lastAt = now;
    this.#paths.add(path);
    clearTimeout(this.#timer);
    const { quietMs, minDelayMs, maxWaitMs } = this.#timing;
    const fireAt = Math.min(Math.max(now + quietMs, this.#firstAt + minDelayMs), this.#firstAt + maxWaitMs);
    this.#timer = setTimeout(() => this.#fire(), Math.max(0, fireAt - now));
  }

  cancel(): void {
    clearTimeout(this.#timer);
    this.#paths = new Set();
  }

  #fire(): void {
    const paths = this.#paths;
    this.#paths = new Set();
    this.#timer = undefined;
    if (paths.size > 0) this.#flush(paths, this.#firstAt, this.#lastAt);
  }
}
