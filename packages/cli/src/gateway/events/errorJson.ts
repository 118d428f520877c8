import type { ElementError } from '@mti/core';

/** An error as the event stream shows it: `{ code, message, file?, field? }`. */
export function errorJson(error: ElementError): Record<string, unknown> {
  return {
    code: error.code,
    message: error.message,
    ...(error.file === undefined ? {} : { file: error.file }),
    ...(error.field === undefined ? {} : { field: error.field }),
  };
}
