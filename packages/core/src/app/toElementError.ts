import { ElementError } from '../errors/ElementError';
import { ErrorCode } from '../errors/ErrorCode';

/** `error` as an ElementError of `element`: itself when it is one, else UNKNOWN wrapping it. */
export function toElementError(error: unknown, element: string): ElementError {
  if (ElementError.is(error)) return error;
  return new ElementError({
    code: ErrorCode.UNKNOWN,
    element,
    message: `${element}: ${error instanceof Error ? error.message : String(error)}`,
    cause: error,
  });
}
