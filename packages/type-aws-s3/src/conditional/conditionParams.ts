import type { WriteConditions } from '@mti/core';
import { ifMatchEtag } from '../download/etagForms';

export interface ConditionParams {
  IfNoneMatch?: string;
  IfMatch?: string;
}

/**
 * A write's conditions as PutObject, CompleteMultipartUpload and CopyObject take them. The ETag
 * goes in the form the server compares (etagForms): quoted on AWS, bare elsewhere, since Ceph
 * RGW compares If-Match with its stored ETag without quotes and refuses the quoted form with 412
 * even when it is equal. Measured with the SDK against RGW 16.2.15: the quoted current ETag →
 * 412, the bare one → stored; the bare one with characters appended → stored too, so RGW
 * compares only as many characters as its own ETag has.
 */
export function conditionParams(conditions: WriteConditions, aws: boolean): ConditionParams {
  if (conditions.ifNoneMatch === '*') return { IfNoneMatch: '*' };
  if (conditions.ifMatch !== undefined) return { IfMatch: ifMatchEtag(conditions.ifMatch, aws) };
  return {};
}
