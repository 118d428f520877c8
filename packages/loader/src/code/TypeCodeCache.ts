import { ElementError, ErrorCode } from '@mti/core';
import type { CheckVerdict } from './checkTypeCode';
import { filesUnchanged } from './fileHash';
import type { EvaluatedModule, ModuleEvaluator } from './ModuleEvaluator';

/** Checks entries' code off the process (checkTypeCode, bound to the app and its deadline). */
export type CheckTypeCode = (entries: readonly string[]) => Promise<Map<string, CheckVerdict>>;

interface Loaded extends EvaluatedModule {
  /** Set once an error escaped from this code after its import: it is not good any more. */
  fault?: ElementError;
}

interface EntryState {
  /** The latest code imported in the process (the one serving, unless a later import failed). */
  current?: Loaded;
  /** The latest good code before `current`: what serves again if `current` faults. */
  previousGood?: Loaded;
  /** Checks of this entry's content, newest first. */
  verdicts: CheckVerdict[];
}

/** Verdicts kept per entry: enough for an edit undone a few times over without a new check. */
const VERDICTS_KEPT = 4;

/**
 * Imports Type code in the process only once it has been checked (`check`, in a worker thread,
 * where an import that never finishes can be stopped), and only again when a file it read has
 * changed. A re-imported class is a new object, and a new class rebuilds every Instance of the
 * Type: an unrelated save (an editor's temp file, a touched config) must not do that.
 *
 * Everything is keyed by content (a hash of each file read), so nothing is checked twice:
 *  - code unchanged since its import is not imported again;
 *  - code whose check passed is imported without another check (until it changes);
 *  - code whose check failed (it threw, hung, or left a rejection) fails again at once: a folder
 *    read again for another reason does not wait out another timeout.
 * `load` is synchronous, as reading a folder is: an entry it finds with no verdict for its
 * content fails, and is remembered for `takeUnchecked`, so the caller can check it and read the
 * folder again (see readWithCheckedCode).
 *
 * Side effects of an import run twice, once in the worker and once in the process.
 */
export class TypeCodeCache {
  readonly #evaluator: ModuleEvaluator;
  readonly #check: CheckTypeCode;
  readonly #entries = new Map<string, EntryState>();
  readonly #unchecked = new Set<string>();
  /** Every file whose code this cache has run in the process, for attributing errors to it. */
  readonly #ran = new Set<string>();
  #whenCodeRuns: Array<() => void> | undefined = [];

  constructor(evaluator: ModuleEvaluator, check: CheckTypeCode) {
    this.#evaluator = evaluator;
    this.#check = check;
  }

  load(entry: string): EvaluatedModule {
    const state = this.#state(entry);
    const { current, previousGood } = state;
    if (current !== undefined && filesUnchanged(current.files)) {
      if (current.fault !== undefined) throw current.fault;
      return current;
    }
    // An edit undone: the last good version's module, class and all, serves again.
    if (previousGood !== undefined && filesUnchanged(previousGood.files)) {
      state.previousGood = current?.fault === undefined ? current : undefined;
      state.current = previousGood;
      return previousGood;
    }
    const verdict = state.verdicts.find((checked) => filesUnchanged(checked.files));
    if (verdict === undefined) {
      this.#unchecked.add(entry);
      throw new ElementError({
        code: ErrorCode.CONFLICT,
        message: 'it changed while it was being checked; it loads with the next change seen',
      });
    }
    if (verdict.error !== undefined) throw verdict.error;
    const loaded = this.#evaluator.load(entry, { expected: verdict.files, onRead: (file) => this.#runs(file) });
    if (current !== undefined && current.fault === undefined) state.previousGood = current;
    state.current = loaded;
    return loaded;
  }

  /** Checks the entries whose content has no verdict yet, one worker thread for them all. */
  async check(entries: Iterable<string>): Promise<void> {
    const wanted = [...new Set(entries)].filter((entry) => this.#needsCheck(entry));
    if (wanted.length === 0) return;
    for (const [entry, verdict] of await this.#check(wanted)) {
      const state = this.#state(entry);
      state.verdicts = [verdict, ...state.verdicts].slice(0, VERDICTS_KEPT);
    }
  }

  /** The entries `load` refused for want of a check since the last call. */
  takeUnchecked(): Set<string> {
    const unchecked = new Set(this.#unchecked);
    this.#unchecked.clear();
    return unchecked;
  }

  /** Calls `listener` once this cache first runs code in the process (at once if it has). */
  whenCodeRuns(listener: () => void): void {
    if (this.#whenCodeRuns === undefined) listener();
    else this.#whenCodeRuns.push(listener);
  }

  /** Whether code of `file` has run in the process through this cache. */
  hasRun(file: string): boolean {
    return this.#ran.has(file);
  }

  /** The entries whose current code read `file`. */
  entriesReading(file: string): string[] {
    return [...this.#entries].filter(([, state]) => state.current?.files.has(file) === true).map(([entry]) => entry);
  }

  /**
   * Marks the entry's current code as faulted: `load` now throws `error` for it until a file it
   * read changes. False when it already was (or there is none).
   */
  fault(entry: string, error: ElementError): boolean {
    const current = this.#entries.get(entry)?.current;
    if (current === undefined || current.fault !== undefined) return false;
    current.fault = error;
    return true;
  }

  /** The error the entry's current code faulted with, if it did. */
  faultOf(entry: string): ElementError | undefined {
    return this.#entries.get(entry)?.current?.fault;
  }

  /** The latest code of the entry that has not faulted, if any. */
  lastGood(entry: string): EvaluatedModule | undefined {
    const state = this.#entries.get(entry);
    return state?.current?.fault === undefined ? state?.current : state.previousGood;
  }

  #needsCheck(entry: string): boolean {
    const state = this.#entries.get(entry);
    if (state === undefined) return true;
    return ![state.current, state.previousGood, ...state.verdicts].some(
      (known) => known !== undefined && filesUnchanged(known.files),
    );
  }

  #state(entry: string): EntryState {
    let state = this.#entries.get(entry);
    if (state === undefined) {
      state = { verdicts: [] };
      this.#entries.set(entry, state);
    }
    return state;
  }

  #runs(file: string): void {
    this.#ran.add(file);
    const listeners = this.#whenCodeRuns;
    if (listeners === undefined) return;
    this.#whenCodeRuns = undefined;
    for (const listener of listeners) listener();
  }
}
