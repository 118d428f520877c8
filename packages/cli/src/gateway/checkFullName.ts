import { ErrorCode } from '@mti/core';
import { GatewayError } from './GatewayError';

const fullNamePattern = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;

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
