import { wasHandedToCaller } from '@mti/core';
import type { TypeCodeCache } from '../code/TypeCodeCache';
import { processFaults } from './processFaults';
import { stackFiles } from './stackFiles';

/** An error that escaped from an app's Type code after its import. */
export interface TypeCodeFault {
  error: unknown;
  origin: NodeJS.UncaughtExceptionOrigin;
  /** The app's Type code file its stack names first (topmost frame): where it came from. */
  file: string;
  /**
   * The entries whose current code reads that file, narrowed by the other files the stack names
   * (a helper two Types import, called from one of them, is that one's). Empty when no current
   * code reads it: a removed Type's, or an old version's, still running.
   */
  entries: string[];
}

/**
 * Takes on, for one app, the errors that escape from its Type code after the import — thrown in
 * a timer, an unawaited promise's rejection, an event handler's error — which would otherwise end
 * the process, and every element with it.
 *
 * Attribution is by the error's stack: it is the app's when a frame names a file the app's code
 * cache ran (evaluated code carries a sourceURL of its file). The frames of an error are those of
 * where it was made, not every path it took, so:
 *  - an error made outside Type code (a non-Error value, an I/O error of Node's that Type code
 *    rethrows, one made by a package it uses from a callback of its own) names no Type file, and
 *    is left to Node;
 *  - host code that Type code calls (a callback it was given) and that throws there is taken as
 *    Type code's: Type code was on the stack;
 *  - an error a call on a handle threw or rejected with is the caller's (core marks it: see
 *    `wasHandedToCaller`), even if its frames are Type code's, so a host that awaits a failing
 *    call and lets that go unhandled crashes as it would without us.
 *
 * It listens (through the process-wide router) only once the app has run Type code, and stops on
 * `stop()`.
 */
export class TypeCodeFaults {
  readonly #code: TypeCodeCache;
  readonly #onFault: (fault: TypeCodeFault) => void;
  #unregister: (() => void) | undefined;
  #stopped = false;

  constructor(code: TypeCodeCache, onFault: (fault: TypeCodeFault) => void) {
    this.#code = code;
    this.#onFault = onFault;
    code.whenCodeRuns(() => {
      if (!this.#stopped) this.#unregister ??= processFaults().register(this.#claim);
    });
  }

  stop(): void {
    this.#stopped = true;
    this.#unregister?.();
    this.#unregister = undefined;
  }

  readonly #claim = (error: unknown, origin: NodeJS.UncaughtExceptionOrigin): boolean => {
    if (wasHandedToCaller(error)) return false;
    const files = stackFiles(error).filter((file) => this.#code.hasRun(file));
    const [file] = files;
    if (file === undefined) return false;
    let entries: string[] = [];
    for (const named of files) {
      const reading = this.#code.entriesReading(named);
      const both = entries.filter((entry) => reading.includes(entry));
      if (entries.length === 0) entries = reading;
      else if (both.length > 0) entries = both;
    }
    this.#onFault({ error, origin, file, entries });
    return true;
  };
}
