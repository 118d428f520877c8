import { argumentProblem, type ArgumentProblem } from './argumentProblem';
import { contentDispositionProblem, headerValueProblem } from './headerValueProblem';
import { metadataProblem } from './metadataProblem';
import type { UploadOptions } from './storageTypes';
import { writeConditionsProblem } from './writeConditionsProblem';

/**
 * What is wrong with `uploadByFile`'s options (the first problem found), or undefined. Every rule
 * is shared but the storage class's: which classes exist is the Type's to say, so it passes
 * `storageClassProblem` (a "must …" phrase, or undefined).
 */
export function uploadOptionsProblem(
  options: UploadOptions,
  storageClassProblem: (storageClass: string) => string | undefined,
): ArgumentProblem | undefined {
  if (typeof options !== 'object' || options === null) return { field: 'options', detail: 'options must be an object' };
  const { storageClass, metadata, cacheControl, contentDisposition, onProgress } = options;
  return (
    (storageClass === undefined
      ? undefined
      : argumentProblem('options.storageClass', storageClassProblem(storageClass))) ??
    argumentProblem('options.metadata', metadataProblem(metadata)) ??
    (cacheControl === undefined
      ? undefined
      : argumentProblem('options.cacheControl', headerValueProblem(cacheControl))) ??
    (contentDisposition === undefined
      ? undefined
      : argumentProblem('options.contentDisposition', contentDispositionProblem(contentDisposition))) ??
    (onProgress !== undefined && typeof onProgress !== 'function'
      ? { field: 'options.onProgress', detail: 'options.onProgress must be a function' }
      : undefined) ??
    writeConditionsProblem(options)
  );
}
