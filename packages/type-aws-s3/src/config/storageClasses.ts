/**
 * The storage classes S3 knows, as the pinned SDK's `StorageClass` lists them. Written out so
 * that validating a config does not load the SDK (see sdk/awsSdk.ts); a test compares this list
 * with the SDK's on every run, so an SDK update that adds a class fails until it is added here.
 */
export const storageClasses: [string, ...string[]] = [
  'AWS_BACKUP_LOW_COST_WARM',
  'AWS_BACKUP_WARM',
  'DEEP_ARCHIVE',
  'EXPRESS_ONEZONE',
  'FSX_ONTAP',
  'FSX_OPENZFS',
  'GLACIER',
  'GLACIER_IR',
  'INTELLIGENT_TIERING',
  'ONEZONE_IA',
  'OUTPOSTS',
  'REDUCED_REDUNDANCY',
  'SNOW',
  'STANDARD',
  'STANDARD_IA',
];
