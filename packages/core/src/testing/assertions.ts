import assert from 'node:assert/strict';
import type { ErrorCode } from '../errors/ErrorCode';
import { StorageError } from '../errors/StorageError';
import { digest } from './bytes';

// node:assert rather than jest's expect: the kit must not depend on jest's types, and jest
// reports a thrown AssertionError with its message like any failed expectation.

/** Same bytes, reported by length and hash rather than by dumping both buffers. */
export function assertSameBytes(actual: Uint8Array, expected: Uint8Array, what: string): void {
  assert.ok(
    Buffer.from(actual).equals(Buffer.from(expected)),
    `${what}: got ${digest(actual)}, want ${digest(expected)}`,
  );
}

export interface ExpectedFailure {
  code: ErrorCode;
  /** The argument the error names, for INVALID_ARGUMENT. */
  field?: string;
  operation?: string;
}

/** Awaits `work` and returns its StorageError, which must carry `expected`'s code (and field). */
export async function assertStorageError(
  work: () => Promise<unknown>,
  expected: ExpectedFailure,
): Promise<StorageError> {
  let outcome: unknown;
  try {
    // Called inside the try: a Type that throws synchronously is as wrong as one that resolves.
    outcome = await work();
  } catch (error) {
    assert.ok(StorageError.is(error), `expected a StorageError ${expected.code}, got ${String(error)}`);
    assert.equal(error.code, expected.code, `error code (message: ${error.message})`);
    if (expected.field !== undefined)
      assert.equal(error.field, expected.field, `error field (message: ${error.message})`);
    if (expected.operation !== undefined) assert.equal(error.operation, expected.operation, 'error operation');
    return error;
  }
  assert.fail(`expected a StorageError ${expected.code}, but the call resolved to ${inspectShort(outcome)}`);
}

function inspectShort(value: unknown): string {
  if (Buffer.isBuffer(value)) return `a Buffer of ${value.length} bytes`;
  try {
    return JSON.stringify(value)?.slice(0, 200) ?? String(value);
  } catch {
    return String(value);
  }
}
