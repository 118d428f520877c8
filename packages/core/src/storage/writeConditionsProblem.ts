import type { ArgumentProblem } from './argumentProblem';
import type { WriteConditions } from './storageTypes';

/** An entity tag as RFC 9110 writes it (`"…"`), or bare as some servers give it: no quotes or spaces inside. */
const ETAG = /^(?:"[\x21\x23-\x7e]+"|[\x21\x23-\x7e]+)$/;
/** Far above any ETag a server makes (32 hex digits, `-N` for multipart, 64 for SHA-256 stores). */
const MAX_ETAG_LENGTH = 1024;

const shown = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value) : String(value));

/**
 * What is wrong with a write's conditions (`uploadByFile`'s and `copy`'s options), or undefined:
 * `ifNoneMatch` may only be `'*'` (create only), `ifMatch` must be one strong ETag (replace only
 * that version), and not both, since together they could never hold. `label` is where they sit
 * (`options`), which the fields are named after.
 */
export function writeConditionsProblem(conditions: WriteConditions, label = 'options'): ArgumentProblem | undefined {
  const { ifNoneMatch, ifMatch } = conditions;
  if (ifNoneMatch !== undefined && ifNoneMatch !== '*') {
    return {
      field: `${label}.ifNoneMatch`,
      detail: `${label}.ifNoneMatch must be "*" (create only: fail when the key holds an object), got ${shown(ifNoneMatch)}`,
    };
  }
  if (ifMatch !== undefined) {
    const field = `${label}.ifMatch`;
    if (typeof ifMatch !== 'string' || ifMatch === '') {
      return { field, detail: `${field} must be a non-empty ETag, got ${shown(ifMatch)}` };
    }
    if (ifMatch === '*' || ifMatch === '"*"') {
      return {
        field,
        detail: `${field} must be an ETag (replace only that version); "*" is not one, and to replace whatever is stored, leave ifMatch out`,
      };
    }
    if (ifMatch.startsWith('W/')) {
      return { field, detail: `${field} must be a strong ETag: a weak one (W/"…") cannot pin a version to replace` };
    }
    if (ifMatch.length > MAX_ETAG_LENGTH || !ETAG.test(ifMatch)) {
      return {
        field,
        detail: `${field} must be an ETag as a Type gives it ("…" or bare: printable US-ASCII, no spaces or quotes inside, at most ${MAX_ETAG_LENGTH} characters)`,
      };
    }
  }
  if (ifNoneMatch !== undefined && ifMatch !== undefined) {
    return {
      field: `${label}.ifMatch`,
      detail: `${label}.ifMatch and ${label}.ifNoneMatch exclude each other: create only, or replace only one version`,
    };
  }
  return undefined;
}
