import { prefixSchema, z } from '@mti/core';
import { storageClasses } from './storageClasses';

/**
 * The fields of a `storages.AwsS3Type` business config, without the rules that tie fields
 * together (awsS3ConfigRules). Types for other S3 services (MinIO, R2) start from these (with
 * `.extend`, or from `.shape` to leave fields out, which a schema with rules cannot do) and add
 * the same rules.
 */
export const awsS3ConfigFields = z.strictObject({
  // Core strips it before validation; listed so editors accept it in MyS3.json.
  $schema: z.string().optional().describe('Path or URL of this JSON Schema, for editors.'),
  accessKeyId: z
    .string()
    .trim()
    .min(1)
    .optional()
    .describe('AWS access key ID; omit with accessKeySecret to use the default credential chain.'),
  accessKeySecret: z.string().min(1).optional().describe('AWS secret access key (secret).'),
  sessionToken: z.string().min(1).optional().describe('Session token for temporary credentials (secret).'),
  presign: z
    .enum(['allow', 'long-term-only'])
    .default('allow')
    .describe(
      'allow: presigned URLs made with temporary credentials carry their session token (X-Amz-Security-Token); long-term-only: refuse to presign with temporary credentials.',
    ),
  endPoint: z
    .string()
    .trim()
    .min(1)
    .describe('s3.amazonaws.com or s3.<region>.amazonaws.com for AWS; a URL such as http://127.0.0.1:9000 for others.'),
  bucketName: z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._-]{1,61}[A-Za-z0-9]$/,
      'must be 3-63 letters, digits, ".", "-" or "_", starting and ending with a letter or digit',
    )
    .describe('Bucket this element stores into.'),
  region: z
    .string()
    .regex(/^[A-Za-z0-9-]+$/, 'must be a region code such as us-east-1')
    .describe('AWS region code, e.g. us-east-1.'),
  forcePathStyle: z
    .boolean()
    .optional()
    .describe('Path-style URLs; defaults to true for non-AWS endpoints, false for AWS.'),
  publicBaseUrl: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe('CDN or custom domain used to build the url of upload results.'),
  prefix: prefixSchema({ whole: 'bucket' })
    .optional()
    .describe(
      'Key prefix this element lives under, e.g. tenant-a (keys become tenant-a/<name>); slashes around it are trimmed.',
    ),
  storageClass: z.enum(storageClasses).default('STANDARD').describe('Default storage class of uploads.'),
  serverSideEncryption: z.enum(['AES256', 'aws:kms', 'aws:kms:dsse']).optional(),
  kmsKeyId: z.string().min(1).optional().describe('KMS key for serverSideEncryption aws:kms.'),
  checksums: z
    .enum(['auto', 'WHEN_SUPPORTED', 'WHEN_REQUIRED'])
    .default('auto')
    .describe('auto: the SDK default on AWS, WHEN_REQUIRED on other endpoints.'),
  timeoutMs: z
    .number()
    .int()
    .min(1)
    .max(3_600_000)
    .default(60_000)
    .describe('A request fails with TIMEOUT after this long without progress.'),
  maxAttempts: z.number().int().min(1).max(10).default(3).describe('Attempts per request, retries included.'),
  multipart: z
    .strictObject({
      partSizeMiB: z.number().int().min(5).max(5120).default(8),
      queueSize: z.number().int().min(1).max(64).default(4),
    })
    .prefault({})
    .describe('Uploads larger than one part, and every stream, go up in parts of this size, this many at once.'),
});
