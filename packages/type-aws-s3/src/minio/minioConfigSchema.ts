import { z } from '@mti/core';
import { awsS3ConfigFields } from '../config/awsS3ConfigFields';
import { awsS3ConfigRules } from '../config/awsS3ConfigRules';
import { notAwsEndpointRule } from '../config/notAwsEndpointRule';
import { minioStorageClasses } from './minioStorageClasses';

const fields = awsS3ConfigFields.shape;

/**
 * Business config of `storages.MinioType` Instances: the S3 Type's fields and rules, with
 * MinIO's conventions as defaults. Path-style addressing, because a MinIO server answers
 * virtual-hosted requests only when MINIO_DOMAIN is set; region us-east-1, the region MinIO
 * reports when none is configured (a server with MINIO_REGION set refuses signatures scoped to
 * any other, so the field stays open).
 */
export const minioConfigSchema = awsS3ConfigFields
  .extend({
    endPoint: fields.endPoint.describe(
      'URL of the MinIO server, e.g. http://127.0.0.1:9000 or https://minio.example.com (a host without scheme means https).',
    ),
    region: fields.region
      .default('us-east-1')
      .describe("The server's region: its MINIO_REGION when set, else MinIO's default us-east-1."),
    forcePathStyle: z
      .boolean()
      .default(true)
      .describe(
        'Path-style URLs (http://host/bucket/key); false for virtual hosts, when the server sets MINIO_DOMAIN.',
      ),
    storageClass: z
      .enum(minioStorageClasses)
      .default('STANDARD')
      .describe("Default storage class of uploads: STANDARD or REDUCED_REDUNDANCY (the server's parity settings)."),
    // MinIO encrypts with SSE-S3 (AES256) or SSE-KMS through KES; it has no DSSE-KMS.
    serverSideEncryption: z.enum(['AES256', 'aws:kms']).optional(),
    checksums: fields.checksums.describe(
      "auto (default): WHEN_REQUIRED, as on every endpoint that is not AWS; WHEN_SUPPORTED sends the SDK's default CRC32 checksums, for a MinIO release known to take them.",
    ),
  })
  .superRefine(awsS3ConfigRules)
  .superRefine(notAwsEndpointRule('MinIO'));

export type MinioConfig = z.output<typeof minioConfigSchema>;
