import { type ElementFunction, ElementError, ErrorCode } from '@mti/core';

/** INVALID_ARGUMENT unless `count` arguments fit `fn`; shared by `mti call` and the gateway. */
export function checkArgumentCount(fullName: string, method: string, fn: ElementFunction, count: number): void {
  if (count >= fn.min && count <= fn.max) return;
  const expected = fn.min === fn.max ? `${fn.min}` : `${fn.min} to ${fn.max}`;
  throw new ElementError({
    code: ErrorCode.INVALID_ARGUMENT,
    element: fullName,
    message: `${fullName}.${method}(${fn.params.join(', ')}) takes ${expected} arguments, got ${count}`,
  });
}
