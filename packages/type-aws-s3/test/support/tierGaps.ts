import type { ContractUnenforced } from '@mti/core/testing';

/**
 * What each tier's server does not check, for the contract kit's `unenforced`: stated, so the
 * suite tests that each gap is really there instead of skipping the tests. Measured with the
 * SDK against each server (README, "Conditional writes"): s3rver 3.7.1 checks no precondition
 * and no POST policy; Ceph RGW 16.2.15 checks If-None-Match and If-Match on PutObject and the
 * POST policy, but ignores both headers on CompleteMultipartUpload and CopyObject.
 */
export const tierGaps: Record<string, ContractUnenforced> = {
  s3rver: {
    preconditions: 's3rver checks no If-None-Match or If-Match',
    multipartPreconditions: 's3rver checks no If-None-Match or If-Match',
    formPolicy: 's3rver checks no POST policy',
  },
  'ceph-rgw': {
    multipartPreconditions: 'Ceph RGW 16 ignores If-None-Match and If-Match on CompleteMultipartUpload',
  },
};
