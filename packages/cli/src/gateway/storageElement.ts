import { ErrorCode } from '@mti/core';
import type { GatewayApp } from './GatewayApp';
import { GatewayError } from './GatewayError';

/** The Meta whose Instances hold objects: the only elements file, link and signed routes serve. */
export const STORAGE_META = 'storages.Meta';

/**
 * The element behind an object route, when it is an Instance of `storages.Meta`. An Instance of
 * another family has no objects, so these routes do not exist for it: a coded 404, not a
 * TypeError from a missing method. Unknown names, Metas and Types fail in `getElement` as on
 * every other route.
 */
export function storageElement<T>(app: GatewayApp, fullName: string): T {
  const info = app.listElements().find((element) => element.fullName === fullName);
  if (info?.kind === 'instance' && info.meta !== undefined && info.meta !== STORAGE_META) {
    throw new GatewayError(
      ErrorCode.NOT_FOUND,
      `${fullName} has no objects: it is an Instance of ${info.meta}, and object routes serve Instances of ${STORAGE_META} only`,
      404,
      { element: fullName },
    );
  }
  return app.getElement<T>(fullName);
}
