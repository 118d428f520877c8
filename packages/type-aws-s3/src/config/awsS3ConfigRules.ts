import type { z } from '@mti/core';

/** What the rules read; a Type without server-side encryption fields still has the rest. */
interface RuledFields {
  accessKeyId?: string | undefined;
  accessKeySecret?: string | undefined;
  sessionToken?: string | undefined;
  serverSideEncryption?: string | undefined;
  kmsKeyId?: string | undefined;
}

/** The rules between fields of an S3 business config, for `superRefine`; every S3 Type keeps them. */
export function awsS3ConfigRules(config: RuledFields, ctx: z.RefinementCtx): void {
  const hasId = config.accessKeyId !== undefined;
  const hasSecret = config.accessKeySecret !== undefined;
  if (hasId !== hasSecret) {
    ctx.addIssue({
      code: 'custom',
      path: [hasId ? 'accessKeySecret' : 'accessKeyId'],
      message:
        'accessKeyId and accessKeySecret go together: set both, or neither to use the AWS default credential chain',
    });
  }
  if (config.sessionToken !== undefined && !hasId) {
    ctx.addIssue({
      code: 'custom',
      path: ['sessionToken'],
      message: 'sessionToken needs accessKeyId and accessKeySecret',
    });
  }
  if (config.kmsKeyId !== undefined && !config.serverSideEncryption?.startsWith('aws:kms')) {
    ctx.addIssue({
      code: 'custom',
      path: ['kmsKeyId'],
      message: 'kmsKeyId needs serverSideEncryption "aws:kms" or "aws:kms:dsse"',
    });
  }
}
