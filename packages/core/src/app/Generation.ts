import { ElementError } from '../errors/ElementError';
import { ErrorCode } from '../errors/ErrorCode';
import { handToCaller } from './handedToCaller';
import { returnedStream, type ReturnedStream } from './returnedStream';

/** Why and how a generation is going away. */
export interface Retirement {
  /** What happened, to open the error an open stream is cut with: `app "demo" was closing`. */
  reason: string;
  /** How long its open streams may still run (the app's `closeTimeoutMs`). */
  graceMs: number;
}

// setTimeout fires at once for longer delays; a grace period this long is no bound at all.
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/**
 * One live version of an element: its instance (built on first use) and the calls running on
 * it. A reload starts a new Generation; the old one is disposed once its calls have drained.
 *
 * A call that returns a stream (`downloadStream`, every gateway GET) is running until the
 * stream is over: the stream still reads through this instance and its pooled client. So the
 * generation holds it until it ends, fails or is destroyed, and a reload or `close()` lets it
 * finish here. The hold is bounded: once disposal has waited `graceMs`, streams still open are
 * ended with a TIMEOUT error, so a stalled consumer cannot keep an old client forever and a cut
 * is never mistaken for a complete download. Calls still waiting on a promise are not bounded
 * here: they cannot be cancelled, and their requests time out on their own (`timeoutMs`).
 */
export class Generation {
  readonly #fullName: string;
  readonly #create: () => object;
  #instance: object | undefined;
  /** Calls whose promise has not settled, plus the streams they returned that are still open. */
  #inflight = 0;
  #onIdle: Array<() => void> = [];
  readonly #streams = new Set<ReturnedStream>();
  /** Set once the grace period has run out: makes the error for streams still open. */
  #timedOut: (() => ElementError) | undefined;
  #disposed: Promise<void> | undefined;

  constructor(fullName: string, create: () => object) {
    this.#fullName = fullName;
    this.#create = create;
  }

  instance(): object {
    // A failed construction is not cached: the next call tries again.
    this.#instance ??= this.#create();
    return this.#instance;
  }

  /** Counts a call's result as in flight until it settles, and a stream it yields until that is over. */
  track<T>(result: T): T {
    if (isThenable(result)) {
      this.#inflight++;
      // The caller gets `result` itself, not a promise chained to it: no extra turn per call.
      result.then(this.#fulfilled, this.#rejected);
      return result;
    }
    const stream = returnedStream(result);
    if (stream !== undefined) {
      this.#inflight++;
      this.#hold(stream);
    }
    return result;
  }

  // Shared functions for every call's settlement rather than closures per call.
  readonly #fulfilled = (value: unknown): void => {
    const stream = returnedStream(value);
    if (stream === undefined) this.#settle();
    else this.#hold(stream);
  };

  readonly #rejected = (reason: unknown): void => {
    // The call's error is its caller's now, even if the caller never handles it.
    handToCaller(reason);
    this.#settle();
  };

  readonly #settle = (): void => {
    this.#inflight--;
    if (this.#inflight === 0) for (const resolve of this.#onIdle.splice(0)) resolve();
  };

  /** Keeps the call in flight until the stream is over; it already counts in `#inflight`. */
  #hold(stream: ReturnedStream): void {
    if (this.#timedOut !== undefined) {
      // Its call outlasted the grace period: the generation is going, the stream cannot stay.
      stream.cut(this.#timedOut());
      this.#settle();
      return;
    }
    this.#streams.add(stream);
    stream.whenDone(() => this.#release(stream));
  }

  #release(stream: ReturnedStream): void {
    if (this.#streams.delete(stream)) this.#settle();
  }

  drained(): Promise<void> {
    if (this.#inflight === 0) return Promise.resolve();
    return new Promise((resolve) => this.#onIdle.push(resolve));
  }

  /**
   * Waits for in-flight calls and open streams (streams at most `graceMs`, then cut with
   * TIMEOUT), then disposes the instance if one was built. Idempotent: the first retirement's
   * reason and bound stand.
   */
  dispose(retirement: Retirement): Promise<void> {
    this.#disposed ??= this.#drain(retirement).then(async () => {
      const instance = this.#instance as { dispose?: () => unknown } | undefined;
      if (typeof instance?.dispose === 'function') await instance.dispose();
    });
    return this.#disposed;
  }

  #drain({ reason, graceMs }: Retirement): Promise<void> {
    if (this.#inflight === 0) return Promise.resolve();
    const timer =
      graceMs < LONGEST_TIMER_MS
        ? setTimeout(() => {
            this.#timedOut = () =>
              new ElementError({
                code: ErrorCode.TIMEOUT,
                element: this.#fullName,
                message:
                  `${reason}: a stream from ${this.#fullName} was still open ${graceMs} ms later ` +
                  `(closeTimeoutMs), so it ends with this error instead of its remaining data`,
              });
            // Released at once, not when the stream reports back: one that never emits 'close'
            // must not hold the instance past the bound either. A destroyed stream keeps the
            // first error it was given, so the consumer gets this TIMEOUT, not whatever the
            // instance's disposal then does to the socket underneath.
            for (const stream of [...this.#streams]) {
              stream.cut(this.#timedOut());
              this.#release(stream);
            }
          }, graceMs)
        : undefined;
    return this.drained().finally(() => clearTimeout(timer));
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
