import { ElementError, ErrorCode, type ConfigSchemaInfo } from '@mti/core';
import type { GatewayApp } from '../GatewayApp';
import { GatewayError } from '../GatewayError';

/**
 * A Meta's or Type's config schema and secret fields, through the app's `configSchemaOf`.
 * Instances are refused (400), unknown names are 404; a Type in error with no version to
 * describe is 409 with its own error's message.
 */
export function typeSchemaOf(app: GatewayApp, fullName: string): ConfigSchemaInfo {
  if (app.configSchemaOf === undefined)
    throw new GatewayError(ErrorCode.UNAVAILABLE, 'this app cannot describe the configs of its Types', 501);
  try {
    return app.configSchemaOf(fullName);
  } catch (error) {
    if (ElementError.is(error) && error.code !== ErrorCode.NOT_FOUND && error.code !== ErrorCode.INVALID_ARGUMENT)
      throw new GatewayError(ErrorCode.CONFLICT, `${fullName} is in error: ${error.message}`, 409, {
        element: fullName,
        ...(error.file === undefined ? {} : { file: error.file }),
      });
    throw error;
  }
}
