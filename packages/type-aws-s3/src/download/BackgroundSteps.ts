/**
 * Work a download does in the background as its parts finish, one step at a time: `kick` (once
 * a part is marked done) starts the steps unless they are under way, and they go on while
 * `ready` says there is one to take; a step's failure ends them, is kept, and no step runs after
 * it. OrderedMd5 (hashing the parts in order) and PartFlusher (flushing them to the device) are
 * each this with a step of their own, so both keep the same rules: never two steps at once, no
 * part forgotten when it finishes while a step runs, and `settle` to wait for the step under way
 * before the file is closed.
 */
export class BackgroundSteps {
  readonly #ready: () => boolean;
  readonly #step: () => Promise<void>;
  #running: Promise<void> | undefined;
  #error: unknown;

  constructor(ready: () => boolean, step: () => Promise<void>) {
    this.#ready = ready;
    this.#step = step;
  }

  /** Starts the steps unless they are under way; once they stop, starts again if a part came meanwhile. */
  kick(): void {
    if (this.#running !== undefined || !this.#canStep()) return;
    this.#running = this.#loop().finally(() => {
      this.#running = undefined;
      this.kick();
    });
  }

  /** Waits until no step runs (a failed download, before its file is closed). */
  async settle(): Promise<void> {
    while (this.#running !== undefined) await this.#running;
  }

  /** Waits until no step runs, then rejects with the first step's failure, if one failed. */
  async finish(): Promise<void> {
    await this.settle();
    if (this.#error !== undefined) throw this.#error;
  }

  #canStep(): boolean {
    return this.#error === undefined && this.#ready();
  }

  async #loop(): Promise<void> {
    try {
      while (this.#canStep()) await this.#step();
    } catch (error) {
      this.#error ??= error;
    }
  }
}
