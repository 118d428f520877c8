import type { FileHandle } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { fetchPart, type PinnedObject } from './fetchPart';
import { PartInterrupted } from './PartInterrupted';
import type { PartProgress } from './PartProgress';
import type { PartRange } from './partRanges';
import { RangeConnection, type RangeConnectionOptions } from './RangeConnection';
import { backoffMs, retryable } from './retryable';

export interface PartsJob {
  pinned: PinnedObject;
  handle: FileHandle;
  /** The parts to fetch, by index. */
  missing: readonly number[];
  range: (index: number) => PartRange;
  concurrency: number;
  /** Tries per part (the element's maxAttempts). */
  attempts: number;
  connection: RangeConnectionOptions;
  progress: PartProgress;
  /** Part `index` is written whole. */
  done: (index: number) => void;
}

/**
 * Fetches the parts, `concurrency` at a time, each worker on a kept-alive connection of its own.
 * A part that fails in a way worth retrying is fetched again from its start, up to `attempts`
 * times; the first failure that is not stops the others (their requests are aborted) and is what
 * this rejects with, once every worker has stopped: nothing writes into the file after it settles.
 */
export async function fetchParts(job: PartsJob): Promise<void> {
  const controller = new AbortController();
  let failure: { error: unknown } | undefined;
  let next = 0;
  const fetchWithRetries = async (connection: RangeConnection, index: number): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      if (attempt > 1) await sleep(backoffMs(attempt));
      try {
        await fetchPart(job.pinned, job.range(index), connection, job.handle, controller.signal, (bytes) =>
          job.progress.add(index, bytes),
        );
        return;
      } catch (error) {
        job.progress.forget(index);
        if (!retryable(error) || attempt >= job.attempts || controller.signal.aborted) {
          throw error instanceof PartInterrupted ? error.cause : error;
        }
      }
    }
  };
  const worker = async (): Promise<void> => {
    const connection = new RangeConnection(job.connection);
    try {
      while (failure === undefined && next < job.missing.length) {
        const index = job.missing[next++] as number;
        await fetchWithRetries(connection, index);
        job.done(index);
      }
    } catch (error) {
      if (failure === undefined) {
        failure = { error };
        controller.abort();
      }
    } finally {
      connection.close();
    }
  };
  await Promise.all(Array.from({ length: Math.min(job.concurrency, job.missing.length) }, worker));
  if (failure !== undefined) throw failure.error;
}
