import type { ArgumentProblem } from './argumentProblem';
import { expiresProblem } from './expiresProblem';
import type { UploadFormOptions } from './uploadFormTypes';

/** The largest file a form may allow: S3's limit for a POST upload, and the gateway's default upload limit. */
export const MAX_FORM_BYTES = 5 * 1024 ** 3;

const wholeNumber = (value: unknown, low: number, high: number): boolean =>
  typeof value === 'number' && Number.isInteger(value) && value >= low && value <= high;

const shown = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value) : String(value));

/**
 * What is wrong with `getSignUploadForm`'s options (the first problem found), or undefined.
 * `maxBytes` is required: a form without a size limit is a signed PUT with more steps.
 */
export function uploadFormProblem(options: UploadFormOptions): ArgumentProblem | undefined {
  if (typeof options !== 'object' || options === null) {
    return { field: 'options', detail: 'options must be an object with at least maxBytes' };
  }
  const { maxBytes, minBytes = 0, expires = 300 } = options;
  if (!wholeNumber(maxBytes, 1, MAX_FORM_BYTES)) {
    return {
      field: 'options.maxBytes',
      detail: `options.maxBytes must be a whole number of bytes from 1 to ${MAX_FORM_BYTES} (5 GiB), got ${shown(maxBytes)}`,
    };
  }
  if (!wholeNumber(minBytes, 0, maxBytes)) {
    return {
      field: 'options.minBytes',
      detail: `options.minBytes must be a whole number of bytes from 0 to maxBytes (${maxBytes}), got ${shown(minBytes)}`,
    };
  }
  const late = expiresProblem(expires);
  return late === undefined ? undefined : { field: 'options.expires', detail: `options.expires ${late}` };
}
