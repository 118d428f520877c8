import { ErrorCode, fullNamePattern } from '@mti/core';
import { GatewayError } from './GatewayError';

/** Refuses anything that is not a fullName (slashes, dots at the ends, `..`) before any lookup. */
export function checkFullName(fullName: string): string {
  if (!fullNamePattern.test(fullName)) {
    throw new GatewayError(
      ErrorCode.INVALID_ARGUMENT,
      `"${fullName}" is not an element fullName (such as storages.MyS3)`,
      400,
    );
  }
  return fullName;
}
