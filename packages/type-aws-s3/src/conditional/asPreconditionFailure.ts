import type { WriteConditions } from '@mti/core';
import { PreconditionFailure } from './PreconditionFailure';

interface SdkLikeError {
  name?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
}

/**
 * A conditional write's failure as a PreconditionFailure when it was the condition that failed,
 * else the error itself. S3 answers 412 PreconditionFailed, and 409 ConditionalRequestConflict
 * when another write to the key landed while this one was in progress; AWS answers an `ifMatch`
 * on a key that holds nothing with 404 NoSuchKey (RGW with 412), which is the same failed
 * condition: there is no such version to replace.
 */
export function asPreconditionFailure(error: unknown, conditions: WriteConditions, write: 'put' | 'copy'): unknown {
  if (error instanceof PreconditionFailure) return error;
  const failed = error as SdkLikeError;
  const name = failed?.name ?? failed?.Code;
  const status = failed?.$metadata?.httpStatusCode;
  if (name === 'ConditionalRequestConflict') {
    return new PreconditionFailure(
      'another write to this key landed while this one was in progress (ConditionalRequestConflict): read the object again, then retry',
      error,
    );
  }
  if (name === 'PreconditionFailed' || status === 412) {
    return new PreconditionFailure(
      conditions.ifNoneMatch === '*'
        ? 'an object is stored at this key (ifNoneMatch: "*" creates only)'
        : `the stored object is not the version ifMatch names (${JSON.stringify(conditions.ifMatch)}), or nothing is stored at this key`,
      error,
    );
  }
  // Not for a copy: there NoSuchKey is its source missing (its target was looked at first).
  if (write === 'put' && conditions.ifMatch !== undefined && name === 'NoSuchKey') {
    return new PreconditionFailure(
      `no object is stored at this key to replace (ifMatch ${JSON.stringify(conditions.ifMatch)})`,
      error,
    );
  }
  return error;
}
