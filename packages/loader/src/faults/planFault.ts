import { relative, resolve } from 'node:path';
import { ElementError, ErrorCode, type ElementClass, type ElementRecord } from '@mti/core';
import type { TypeCodeCache } from '../code/TypeCodeCache';
import type { ReadElement } from '../scan/readElementRecord';
import type { TypeCodeFault } from './TypeCodeFaults';

/** What a fault does to an app. */
export interface FaultPlan {
  /** Folders of the Types whose code faulted just now: read again, they are in error. */
  folders: Set<string>;
  /**
   * Every record, with the faulted Types' last good class (code imported before the one that
   * faulted): applied first, so that when the Types turn to error, that is the version that keeps
   * serving. Undefined when none of them had one: the code that faulted keeps serving then, there
   * being nothing better, and the Type shows its error.
   */
  fallback?: ElementRecord[];
  /**
   * What to report, unless the elements' own errors do (when `folders` is not empty): the error
   * of code no element imports any more is the app's. Undefined for a repeat.
   */
  error?: ElementError;
}

/**
 * Marks the code a fault came from as faulted in the cache (so that it reads as this error from
 * now on, until a file it read changes), and says what the app must do. A repeat of a fault of
 * code already faulted changes nothing: no folders, no error.
 */
export function planFault(
  fault: TypeCodeFault,
  appDir: string,
  records: ReadonlyMap<string, ReadElement>,
  code: TypeCodeCache,
): FaultPlan {
  const where = relative(appDir, fault.file).split('\\').join('/');
  const message = fault.error instanceof Error ? fault.error.message : String(fault.error);
  const what =
    fault.origin === 'unhandledRejection'
      ? 'a promise it made was rejected and nothing handled it'
      : 'code it started threw';
  const folders = new Set<string>();
  const lastGood = new Map<string, ElementClass>();
  let found = false;
  let first: ElementError | undefined;
  for (const [folder, read] of records) {
    const codeFile = read.record.files?.code;
    const entry = codeFile === undefined ? undefined : resolve(appDir, codeFile);
    if (entry === undefined || !fault.entries.includes(entry)) continue;
    found = true;
    const element = folder.split('/').join('.');
    const error = new ElementError({
      code: ErrorCode.UNKNOWN,
      element,
      file: where,
      message: `${what} (in ${where}): ${message}`,
      cause: fault.error,
    });
    if (!code.fault(entry, error)) continue;
    first ??= error;
    folders.add(folder);
    const good = classOf(code.lastGood(entry)?.exports);
    if (good !== undefined) lastGood.set(folder, good);
  }
  if (!found) {
    return {
      folders,
      error: new ElementError({
        code: ErrorCode.UNKNOWN,
        file: where,
        message: `${where}: Type code no element imports any more (a removed Type's, or an earlier version's still running) failed after it loaded: ${what}: ${message}`,
        cause: fault.error,
      }),
    };
  }
  const error = first === undefined ? {} : { error: first };
  if (lastGood.size === 0) return { folders, ...error };
  const fallback = [...records].map(([folder, read]) => {
    const good = lastGood.get(folder);
    return good === undefined ? read.record : { ...read.record, implementation: good, problem: undefined };
  });
  return { folders, fallback, ...error };
}

/** The class a module exports, as loadClass takes it. */
function classOf(exports: unknown): ElementClass | undefined {
  const exported = exports as { default?: unknown } | undefined;
  const candidate = exported?.default ?? exported;
  return typeof candidate === 'function' ? (candidate as ElementClass) : undefined;
}
