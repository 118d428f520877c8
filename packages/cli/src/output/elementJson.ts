import type { ElementInfo } from '@mti/core';

/**
 * An element as `mti ls --json`, `mti check --json` and `GET /api/elements` show it: every field
 * of `listElements()`, the error as `{ code, message, file, field }`.
 */
export function elementJson(element: ElementInfo): Record<string, unknown> {
  return { ...element, ...(element.error === undefined ? {} : { error: element.error.toJSON() }) };
}
