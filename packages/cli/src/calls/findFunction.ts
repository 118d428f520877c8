import { type ElementFunction, ElementError, ErrorCode } from '@mti/core';

/**
 * The function `method` of `fullName`, or NOT_FOUND naming what it offers. Shared by `mti call`
 * and the gateway's call route, so both refuse in the same words.
 */
export function findFunction(
  functions: ReadonlyMap<string, ElementFunction>,
  fullName: string,
  method: string,
): ElementFunction {
  const fn = functions.get(method);
  if (fn !== undefined) return fn;
  throw new ElementError({
    code: ErrorCode.NOT_FOUND,
    element: fullName,
    message: `${fullName} has no function "${method}"; it offers: ${[...functions.keys()].sort().join(', ')}`,
  });
}
