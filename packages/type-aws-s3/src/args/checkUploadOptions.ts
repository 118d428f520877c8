import type { UploadOptions } from '@mti/core';
import { storageClasses } from '../config/storageClasses';
import { argumentProblem, type ArgumentProblem } from './ArgumentProblem';
import { contentDispositionProblem, headerValueProblem } from './checkHeaderValue';
import { metadataProblem } from './checkMetadata';

/** What is wrong with `uploadByFile`'s options (the first problem found), or undefined. */
export function uploadOptionsProblem(options: UploadOptions): ArgumentProblem | undefined {
  if (typeof options !== 'object' || options === null) return { field: 'options', detail: 'options must be an object' };
  const { storageClass, metadata, cacheControl, contentDisposition, onProgress } = options;
  if (storageClass !== undefined && !storageClasses.includes(storageClass)) {
    return {
      field: 'options.storageClass',
      detail: `options.storageClass must be one of ${storageClasses.join(', ')}`,
    };
  }
  return (
    argumentProblem('options.metadata', metadataProblem(metadata)) ??
    (cacheControl === undefined
      ? undefined
      : argumentProblem('options.cacheControl', headerValueProblem(cacheControl))) ??
    (contentDisposition === undefined
      ? undefined
      : argumentProblem('options.contentDisposition', contentDispositionProblem(contentDisposition))) ??
    (onProgress !== undefined && typeof onProgress !== 'function'
      ? { field: 'options.onProgress', detail: 'options.onProgress must be a function' }
      : undefined)
  );
}
