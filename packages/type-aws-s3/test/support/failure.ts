import { StorageError } from '@mti/core';

/**
 * The StorageError `promise` rejects with; a test failure when it resolves or rejects with
 * anything else, so a test can then assert on the error's fields.
 */
export async function failure(promise: Promise<unknown>): Promise<StorageError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!StorageError.is(error)) throw new Error(`expected a StorageError, got ${String(error)}`);
  return error;
}
