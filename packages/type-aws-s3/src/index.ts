export { AwsS3Type } from './AwsS3Type';
export { awsS3Registration, registrations } from './awsS3Registration';
export { clientPool, ClientPool } from './client/ClientPool';
export type { S3ClientFactory, S3ClientPurpose } from './client/S3ClientFactory';
export { awsS3ConfigJsonSchema } from './config/awsS3ConfigJsonSchema';
export { type AwsS3Config, awsS3ConfigSchema } from './config/awsS3ConfigSchema';
export { resolveEndpoint, type ResolvedEndpoint } from './config/resolveEndpoint';
export { describeS3Error } from './errors/describeS3Error';
// The results shared by every storages.Meta Type live in @mti/core; re-exported so imports from here keep working.
export type { CopyResult, DeleteManyItem, ListItem, ListOptions, ListResult, SignedUpload } from '@mti/core';
