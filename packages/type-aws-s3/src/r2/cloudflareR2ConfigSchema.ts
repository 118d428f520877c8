import { z } from '@mti/core';
import { awsS3ConfigFields } from '../config/awsS3ConfigFields';
import { awsS3ConfigRules } from '../config/awsS3ConfigRules';
import { notAwsEndpointRule } from '../config/notAwsEndpointRule';
import { r2ConfigRules } from './r2ConfigRules';
import { r2Endpoint } from './r2Endpoint';
import { r2Jurisdictions } from './r2Jurisdictions';
import { r2StorageClasses } from './r2StorageClasses';

// R2 has no server-side encryption headers: it encrypts every object at rest, and its S3
// compatibility table lists x-amz-server-side-encryption as not implemented. Not offered.
const { $schema, serverSideEncryption: _sse, kmsKeyId: _kms, ...fields } = awsS3ConfigFields.shape;

const regionMessage =
  'R2 signs every request for region "auto" (a bucket\'s location is chosen when it is created; a jurisdiction goes in "jurisdiction"): leave region out or set "auto"';

/**
 * Business config of `storages.CloudflareR2Type` Instances: the S3 Type's fields and rules with
 * R2's conventions. The endpoint is made from `accountId` (and `jurisdiction`) unless `endPoint`
 * is given, so the validated config, and everything the S3 Type reads from it, has one.
 */
export const cloudflareR2ConfigSchema = z
  .strictObject({
    $schema,
    accountId: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[0-9a-f]{32}$/, 'must be the 32 hexadecimal digits of the Cloudflare account ID (R2 overview page)')
      .optional()
      .describe('Cloudflare account ID; the endpoint is https://<accountId>.r2.cloudflarestorage.com.'),
    jurisdiction: z
      .enum(r2Jurisdictions)
      .optional()
      .describe(
        'For a bucket created in a jurisdiction: the endpoint becomes https://<accountId>.<jurisdiction>.r2.cloudflarestorage.com.',
      ),
    ...fields,
    accessKeyId: fields.accessKeyId.describe('Access Key ID of an R2 API token.'),
    accessKeySecret: fields.accessKeySecret.describe('Secret Access Key of an R2 API token (secret).'),
    endPoint: fields.endPoint
      .optional()
      .describe('Instead of accountId: another address of the R2 S3 API (a proxy), used as given.'),
    bucketName: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/,
        'must be 3-63 lower-case letters, digits or "-", starting and ending with a letter or digit (R2 bucket names)',
      )
      .describe('Bucket this element stores into.'),
    // R2 takes us-east-1 and an empty region as aliases of auto, but a region here is most often
    // a location hint (weur, apac) or an AWS region copied from another config, and R2 has
    // neither: one value keeps what is signed predictable.
    region: z
      // An enum of one rather than a literal: the console's form shows it as a choice, not a text box.
      .enum(['auto'], { error: regionMessage })
      .default('auto')
      .describe('Always auto: R2 has no regions in the S3 sense.'),
    forcePathStyle: z
      .boolean()
      .default(false)
      .describe(
        'false (default): virtual-hosted URLs, https://<bucket>.<accountId>.r2.cloudflarestorage.com/<key>; true: https://<accountId>.r2.cloudflarestorage.com/<bucket>/<key>.',
      ),
    publicBaseUrl: fields.publicBaseUrl.describe(
      "The bucket's public address (a custom domain or its r2.dev URL), used to build the url of upload results.",
    ),
    storageClass: z
      .enum(r2StorageClasses)
      .default('STANDARD')
      .describe('Default storage class of uploads: STANDARD or STANDARD_IA (Infrequent Access).'),
    // WHEN_REQUIRED, for requests and responses, pinned as the default rather than left to
    // `auto` (which gives the same on any endpoint that is not AWS) because of R2's record with
    // the SDK's default checksums (WHEN_SUPPORTED: CRC32 on every upload since SDK 3.729.0):
    // - R2 answered uploads with 501 NotImplemented ("Header 'x-amz-checksum-crc32' … not
    //   implemented") from January 2025 (aws/aws-sdk-js-v3#6810; Cloudflare's docs told JS users
    //   to set both options to WHEN_REQUIRED, cloudflare/cloudflare-docs#19236);
    // - after R2 added CRC32 (docs notes removed in cloudflare-docs#19890), Cloudflare put the
    //   WHEN_REQUIRED flags back for the JS, Go and .NET SDKs a few days later over "a breaking
    //   change when requesting ranged reads with a CRC32 checksum" (cloudflare-docs#20014);
    // - R2's compatibility table still takes CRC32, CRC32C, SHA-1 and SHA-256 only as COMPOSITE
    //   (multipart) checksums, full-object ones only as CRC64NVME, and lists CopyObject's
    //   x-amz-checksum-algorithm as not implemented.
    // With WHEN_REQUIRED the SDK never checks a ranged read (download with `range`) against a
    // whole-object checksum either.
    // What WHEN_REQUIRED gives up is covered otherwise: downloads are checked against
    // Content-Length and a single-part object's ETag (its MD5, on R2 too: io/bodyMd5.ts), and an
    // operation that must carry a checksum (DeleteObjects) still gets one in either mode.
    // GetObject keeps asking for stored checksums (x-amz-checksum-mode), as every SDK client does
    // by default, which Cloudflare calls compatible; presigned URLs never carry that parameter
    // (such URLs were reported refused by R2 with 403): the S3 Type signs with a client that
    // adds none.
    checksums: fields.checksums
      .unwrap()
      .default('WHEN_REQUIRED')
      .describe(
        "WHEN_REQUIRED (default; auto is the same here): checksums only where an operation requires one. WHEN_SUPPORTED: the SDK's default CRC32 checksums, which R2 takes only in part.",
      ),
  })
  .superRefine(awsS3ConfigRules)
  .superRefine(notAwsEndpointRule('Cloudflare R2'))
  .superRefine(r2ConfigRules)
  .transform((config) => ({
    ...config,
    endPoint: config.endPoint ?? r2Endpoint(config.accountId as string, config.jurisdiction),
  }));

export type CloudflareR2Config = z.output<typeof cloudflareR2ConfigSchema>;
