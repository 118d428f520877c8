/**
 * s3rver's built-in account, and what an s3rver can prove (no signature checks): one place for
 * the s3rver tier (tiers.ts) and for tests on an s3rver of their own (s3rverElement.ts).
 */
export const s3rverAccount = {
  accessKeyId: 'S3RVER',
  accessKeySecret: 'S3RVER',
  region: 'us-east-1',
  verifiesSignatures: false,
};
