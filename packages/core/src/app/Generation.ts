/**
 * One live version of an element: its instance (built on first use) and the calls running on
 * it. A reload starts a new Generation; the old one is disposed once its calls have drained.
 */
export class Generation {
  readonly #create: () => object;
  #instance: object | undefined;
  #inflight = 0;
  #onIdle: Array<() => void> = [];
  #disposed: Promise<void> | undefined;

  constructor(create: () => object) {
    this.#create = create;
  }

  get created(): boolean {
    return this.#instance !== undefined;
  }

  instance(): object {
    // A failed construction is not cached: the next call tries again.
    this.#instance ??= this.#create();
    return this.#instance;
  }

  /** Counts a call's result as in flight until it settles. */
  track<T>(result: T): T {
    if (isThenable(result)) {
      this.#inflight++;
      result.then(this.#settle, this.#settle);
    }
    return result;
  }

  // One function for every call's settlement rather than a closure per call.
  readonly #settle = (): void => {
    this.#inflight--;
    if (this.#inflight === 0) for (const resolve of this.#onIdle.splice(0)) resolve();
  };

  drained(): Promise<void> {
    if (this.#inflight === 0) return Promise.resolve();
    return new Promise((resolve) => this.#onIdle.push(resolve));
  }

  /** Waits for in-flight calls, then disposes the instance if one was built. Idempotent. */
  dispose(): Promise<void> {
    this.#disposed ??= this.drained().then(async () => {
      const instance = this.#instance as { dispose?: () => unknown } | undefined;
      if (typeof instance?.dispose === 'function') await instance.dispose();
    });
    return this.#disposed;
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
