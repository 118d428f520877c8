import { ErrorCode } from '@mti/core';
import type { GatewayApp } from '../GatewayApp';
import { GatewayError } from '../GatewayError';

/** The folder of an app loaded from one; the routes that read and write element files need it. */
export function appFolderOf(app: GatewayApp): string {
  if (app.appDir === undefined)
    throw new GatewayError(
      ErrorCode.INVALID_ARGUMENT,
      'this app was not loaded from a folder (loadApp), so its element files cannot be read or written',
      400,
    );
  return app.appDir;
}
