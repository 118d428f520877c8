import { ElementError, type ErrorCode } from '@mti/core';

/** An error as it crosses from the worker thread that checks Type code: plain data. */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  /** Set for an ElementError, with its fields. */
  elementError?: { code: ErrorCode; element?: string; file?: string; field?: string };
}

/**
 * Written out field by field: structured cloning keeps an Error's message and stack but drops
 * its own fields, and an ElementError's code and file are what the element's error must keep.
 */
export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error) && !ElementError.is(error)) return { name: 'Error', message: String(error) };
  const serialized: SerializedError = { name: error.name, message: error.message, stack: error.stack };
  if (ElementError.is(error)) {
    serialized.elementError = {
      code: error.code,
      ...(error.element === undefined ? {} : { element: error.element }),
      ...(error.file === undefined ? {} : { file: error.file }),
      ...(error.field === undefined ? {} : { field: error.field }),
    };
  }
  return serialized;
}

/** The error again, in this thread: an ElementError when it was one, with the worker's stack. */
export function deserializeError(serialized: SerializedError): Error {
  const error =
    serialized.elementError === undefined
      ? new Error(serialized.message)
      : new ElementError({ ...serialized.elementError, message: serialized.message });
  error.name = serialized.name;
  if (serialized.stack !== undefined) error.stack = serialized.stack;
  return error;
}
