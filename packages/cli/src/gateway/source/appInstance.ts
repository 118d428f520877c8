import { ErrorCode, type ElementInfo } from '@mti/core';
import type { GatewayApp } from '../GatewayApp';
import { GatewayError } from '../GatewayError';

/**
 * The element `fullName` if it is an Instance from the app's folder. Unknown names are 404;
 * a built-in, Meta or Type is refused with `status` (404 where it is looked up as a source,
 * 400 where it would be deleted or overwritten).
 */
export function appInstance(app: GatewayApp, fullName: string, status: 400 | 404): ElementInfo {
  const element = app.listElements().find((candidate) => candidate.fullName === fullName);
  if (element === undefined)
    throw new GatewayError(ErrorCode.NOT_FOUND, `no element "${fullName}" in this app`, 404, { element: fullName });
  const what =
    element.origin === 'builtin'
      ? `a built-in ${element.kind === 'meta' ? 'Meta' : 'Type'}`
      : element.kind === 'meta'
        ? 'a Meta'
        : element.kind === 'type'
          ? 'a Type'
          : undefined;
  if (what !== undefined)
    throw new GatewayError(
      status === 404 ? ErrorCode.NOT_FOUND : ErrorCode.INVALID_ARGUMENT,
      `${fullName} is ${what}; only the app's Instances can be read, written or deleted here`,
      status,
      { element: fullName },
    );
  return element;
}
