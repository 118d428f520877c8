import type { WriteConditions } from './storageTypes';

/** Whether a write carries a condition. */
export function hasConditions(conditions: WriteConditions): boolean {
  return conditions.ifNoneMatch !== undefined || conditions.ifMatch !== undefined;
}

/** An ETag without its quotes: the form two ETags are compared in, whichever form each server gave. */
export function bareEtag(etag: string): string {
  return etag.replace(/^"(.*)"$/, '$1');
}

/**
 * Why `conditions` (already checked by writeConditionsProblem) do not hold for the object stored
 * now, whose ETag is `current` (undefined: nothing is stored), or undefined when they hold. The
 * sentence a Type's CONFLICT says, so every Type words a failed precondition alike.
 */
export function conditionFailure(conditions: WriteConditions, current: string | undefined): string | undefined {
  const { ifNoneMatch, ifMatch } = conditions;
  if (ifNoneMatch === '*' && current !== undefined) {
    return 'an object is stored at this key (ifNoneMatch: "*" creates only)';
  }
  if (ifMatch !== undefined) {
    if (current === undefined) return `no object is stored at this key to replace (ifMatch ${JSON.stringify(ifMatch)})`;
    if (bareEtag(current) !== bareEtag(ifMatch)) {
      return `the stored object's ETag is ${JSON.stringify(current)}, not ${JSON.stringify(ifMatch)} (ifMatch replaces only that version)`;
    }
  }
  return undefined;
}
