import { join } from 'node:path';
import type * as WorkerThreads from 'node:worker_threads';
import { ElementError, ErrorCode, typeCodeRefused } from '@mti/core';
import { hashFile } from './fileHash';
import { deserializeError, type SerializedError } from './serializedError';
import { loadTranspiler } from './transpile';

/** What a check found out about one entry's code. */
export interface CheckVerdict {
  /** Every file the check read, with its hash: the verdict holds while they are unchanged. */
  files: ReadonlyMap<string, string>;
  /** Why the code must not be imported in the process; undefined when it may. */
  error?: Error;
}

/** What the worker is asked to check. */
export interface CheckRequest {
  appDir: string;
  entries: readonly string[];
}

/** What the worker reports, in this order: ready, then per entry start, reads, done. */
export type CheckMessage =
  | { kind: 'ready' }
  | { kind: 'start'; entry: string }
  | { kind: 'read'; file: string; hash: string }
  | {
      kind: 'done';
      entry: string;
      /** `threw`: the import threw; `escaped`: code it started failed before the check was over. */
      failure?: { how: 'threw' | 'escaped'; origin?: NodeJS.UncaughtExceptionOrigin; error: SerializedError };
    };

// Bundled beside the package's index (scripts/bundlePackages.mjs). Under jest this file runs
// from src/, while the worker, a plain Node thread, can only run the build.
const workerScript = __filename.endsWith('.ts')
  ? join(__dirname, '../../dist/typeCodeWorker.js')
  : join(__dirname, 'typeCodeWorker.js');

// setTimeout fires at once for longer delays.
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/**
 * Imports each entry, as the process would, in a worker thread first, where an import that never
 * finishes can be stopped: one that is still running `timeoutMs` after it began is terminated with
 * its thread. Every entry gets a verdict; the process imports only those without an error.
 *
 * One thread checks the entries one after the other, the way the process imports them; after a
 * timeout or a thread that ended, a new one takes the rest. The clock of an entry starts when
 * its import does, after the thread has loaded the runtime's shared modules and the transpiler,
 * so a slow start on a busy machine is not counted against the code. `label` names a file in
 * messages (relative to the app folder).
 */
export async function checkTypeCode(
  appDir: string,
  entries: readonly string[],
  timeoutMs: number,
  label: (file: string) => string,
): Promise<Map<string, CheckVerdict>> {
  // swc's native binding must outlive the threads that use it: loaded only in a worker, it goes
  // when that worker ends, and the next worker that loads it crashes the process (SIGSEGV, @swc/core
  // 1.16 on Node 24). Loaded here, it stays; the process would load it to import the code anyway.
  loadTranspiler();
  const verdicts = new Map<string, CheckVerdict>();
  let remaining = [...entries];
  while (remaining.length > 0) {
    await checkInOneThread({ appDir, entries: remaining }, timeoutMs, label, verdicts);
    remaining = remaining.filter((entry) => !verdicts.has(entry));
  }
  return verdicts;
}

/** Runs one worker until it has checked every entry, timed out on one, or ended. */
function checkInOneThread(
  request: CheckRequest,
  timeoutMs: number,
  label: (file: string) => string,
  verdicts: Map<string, CheckVerdict>,
): Promise<void> {
  return new Promise((resolve) => {
    // Required here, not at the top: only apps with Type code of their own start a worker, and
    // worker_threads would be one more module for every `mti ls` to load.
    const { Worker } = require('node:worker_threads') as typeof WorkerThreads;
    // The worker's output is discarded: the process prints the same when it imports the code.
    const worker = new Worker(workerScript, { workerData: request, execArgv: [], stdout: true, stderr: true });
    worker.stdout.resume();
    worker.stderr.resume();
    let current: { entry: string; files: Map<string, string> } | undefined;
    let started = false;
    let timer: NodeJS.Timeout | undefined;
    let failure: Error | undefined;

    const decide = (entry: string, files: Map<string, string>, error?: Error): void => {
      // A check that failed before it read its entry (refused by the confinement) still holds
      // only while the entry is as it is now.
      if (!files.has(entry)) files.set(entry, hashFile(entry) ?? '');
      verdicts.set(entry, error === undefined ? { files } : { files, error });
    };

    worker.on('message', (message: CheckMessage) => {
      if (message.kind === 'start') {
        started = true;
        current = { entry: message.entry, files: new Map() };
        if (timeoutMs < LONGEST_TIMER_MS) timer = setTimeout(() => timedOut(), timeoutMs);
      } else if (message.kind === 'read') {
        current?.files.set(message.file, message.hash);
      } else if (message.kind === 'done' && current !== undefined) {
        clearTimeout(timer);
        decide(current.entry, current.files, message.failure && failed(current.entry, message.failure, label));
        current = undefined;
      }
    });

    const timedOut = (): void => {
      if (current === undefined) return;
      const file = label(current.entry);
      decide(
        current.entry,
        current.files,
        new ElementError({
          code: ErrorCode.TIMEOUT,
          file,
          message:
            `did not finish loading within ${timeoutMs} ms (typeLoadTimeoutMs); its import was ` +
            `stopped in the worker thread that checks Type code, and never ran in the process`,
        }),
      );
      current = undefined;
      void worker.terminate();
    };

    // An error of the thread itself, not of the code: the code's own are caught in the worker.
    worker.on('error', (error) => {
      failure = error;
    });

    worker.on('exit', (exitCode) => {
      clearTimeout(timer);
      if (current !== undefined) {
        // The import ended the thread: in the process, it would have ended the process.
        const file = label(current.entry);
        decide(
          current.entry,
          current.files,
          failure === undefined
            ? typeCodeRefused(
                file,
                `its import ended the worker thread it was checked in (exit code ${exitCode}); ` +
                  'in the process it would have ended the process',
              )
            : typeCodeRefused(file, `its check failed: ${failure.message}`, failure),
        );
      } else if (!started) {
        // The thread never got to the code (it could not start, or load the runtime's modules):
        // nothing can be checked, so nothing is imported; trying again would fail the same way.
        const why = failure?.message ?? `its thread ended with code ${exitCode} before it began`;
        for (const entry of request.entries) {
          decide(
            entry,
            new Map(),
            new ElementError({
              code: ErrorCode.UNAVAILABLE,
              file: label(entry),
              message: `Type code cannot be checked: ${why}`,
              ...(failure === undefined ? {} : { cause: failure }),
            }),
          );
        }
      }
      resolve();
    });
  });
}

/** The reason an entry's check failed, as the element's error will say it. */
function failed(
  entry: string,
  failure: NonNullable<Extract<CheckMessage, { kind: 'done' }>['failure']>,
  label: (file: string) => string,
): Error {
  const error = deserializeError(failure.error);
  // The import's own error is the element's, as when it throws in the process.
  if (failure.how === 'threw') return error;
  const file = label(entry);
  const what =
    failure.origin === 'unhandledRejection'
      ? 'a promise rejected while it loaded, and nothing handled it'
      : 'code it started while it loaded threw';
  return typeCodeRefused(file, `${what}: ${error.message}`, error);
}
