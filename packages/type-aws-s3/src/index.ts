export { AwsS3Type } from './AwsS3Type';
export { awsS3Registration, cloudflareR2Registration, minioRegistration, registrations } from './awsS3Registration';
export { clientPool, ClientPool } from './client/ClientPool';
export type { S3ClientFactory, S3ClientPurpose } from './client/S3ClientFactory';
export { awsS3ConfigFields } from './config/awsS3ConfigFields';
export { awsS3ConfigJsonSchema } from './config/awsS3ConfigJsonSchema';
export { awsS3ConfigRules } from './config/awsS3ConfigRules';
export { type AwsS3Config, awsS3ConfigSchema } from './config/awsS3ConfigSchema';
export { resolveEndpoint, type ResolvedEndpoint } from './config/resolveEndpoint';
export { describeS3Error } from './errors/describeS3Error';
export { MinioType } from './minio/MinioType';
export { minioConfigJsonSchema } from './minio/minioConfigJsonSchema';
export { type MinioConfig, minioConfigSchema } from './minio/minioConfigSchema';
export { CloudflareR2Type } from './r2/CloudflareR2Type';
export { cloudflareR2ConfigJsonSchema } from './r2/cloudflareR2ConfigJsonSchema';
export { type CloudflareR2Config, cloudflareR2ConfigSchema } from './r2/cloudflareR2ConfigSchema';
export { r2Endpoint } from './r2/r2Endpoint';
// The results shared by every storages.Meta Type live in @mti/core; re-exported so imports from here keep working.
export type { CopyResult, DeleteManyItem, ListItem, ListOptions, ListResult, SignedUpload } from '@mti/core';
