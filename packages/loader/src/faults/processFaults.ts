/**
 * Decides whether an error escaping to the event loop is one it takes on: true when it did
 * (and has dealt with it), false to leave it to Node.
 */
export type FaultClaim = (error: unknown, origin: NodeJS.UncaughtExceptionOrigin) => boolean;

/** The one router of this process; see `processFaults`. */
export interface ProcessFaults {
  /** Adds a claim; the function returned removes it. */
  register(claim: FaultClaim): () => void;
}

/**
 * Listens on the process for errors nothing caught, while at least one claim is registered (a
 * loaded app that has run Type code), and offers each to the claims.
 *
 * One `uncaughtException` listener is all it takes. Under Node's default for unhandled
 * rejections (`--unhandled-rejections=throw`) a rejection nobody handles reaches that listener
 * too, with origin `unhandledRejection` — unless the host listens for `unhandledRejection`
 * itself, and so has chosen what a rejection does (it is then never fatal); under `strict` it
 * always does; under `warn`, `warn-with-error-code` and `none` a rejection does not end the
 * process. An `unhandledRejection` listener of our own would turn that policy off for every
 * rejection of the host's; this listener leaves it as it is.
 *
 * An error no claim takes keeps Node's behaviour:
 *  - if the host has `uncaughtException` listeners of its own, Node calls them as it calls this
 *    one, and they decide, as they would without us;
 *  - otherwise this listener steps aside and throws the error again from the next tick, where,
 *    with no listener left, Node handles it as the fatal exception it was: the same stack printed
 *    to stderr, `exit` emitted with 1, status 1 (an unhandled rejection of a non-Error shows as
 *    Node's ERR_UNHANDLED_REJECTION, which is what this listener received). What differs: the
 *    source line Node prints above the stack is the `throw` here, not the original one; ticks
 *    queued before it still run; `uncaughtExceptionMonitor` listeners see the error twice.
 * A host listener still sees the errors the claims take (Node calls every listener, and one added
 * before ours is called first): a host that exits on any uncaught error exits on these too.
 */
class ProcessFaultRouter implements ProcessFaults {
  readonly #claims = new Set<FaultClaim>();
  #listening = false;

  register(claim: FaultClaim): () => void {
    this.#claims.add(claim);
    if (!this.#listening) {
      process.on('uncaughtException', this.#listener);
      this.#listening = true;
    }
    return () => {
      this.#claims.delete(claim);
      if (this.#claims.size === 0) this.#stop();
    };
  }

  readonly #listener = (error: unknown, origin: NodeJS.UncaughtExceptionOrigin): void => {
    for (const claim of [...this.#claims]) if (claimed(claim, error, origin)) return;
    if (process.listeners('uncaughtException').some((listener) => listener !== this.#listener)) return;
    this.#stop();
    // Node prints the line of this `throw` above the stack, hence the note on it.
    process.nextTick(() => {
      throw error; // Not from Type code (@mti/loader): raised again for Node to handle as it would have.
    });
  };

  #stop(): void {
    process.off('uncaughtException', this.#listener);
    this.#listening = false;
  }
}

/** Whether `claim` took the error. One that fails cannot be trusted to have dealt with it: Node decides. */
function claimed(claim: FaultClaim, error: unknown, origin: NodeJS.UncaughtExceptionOrigin): boolean {
  try {
    return claim(error, origin);
  } catch {
    return false;
  }
}

// On globalThis under a registry symbol, so that two copies of this package in one process
// (the host's and a Type package's) share one listener: with two, each would take the other for
// a host listener, and neither would re-raise what is nobody's.
const key = Symbol.for('@mti/loader/processFaults');

/** The process-wide router; its `register` is the interface copies of this package agree on. */
export function processFaults(): ProcessFaults {
  const holder = globalThis as { [key]?: ProcessFaults };
  holder[key] ??= new ProcessFaultRouter();
  return holder[key];
}
