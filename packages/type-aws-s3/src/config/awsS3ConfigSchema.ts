import type { z } from '@mti/core';
import { awsS3ConfigFields } from './awsS3ConfigFields';
import { awsS3ConfigRules } from './awsS3ConfigRules';

const MiB = 1024 * 1024;

/** Business config of `storages.AwsS3Type` Instances: the seed's five fields, then ours. */
export const awsS3ConfigSchema = awsS3ConfigFields.superRefine(awsS3ConfigRules);

export type AwsS3Config = z.output<typeof awsS3ConfigSchema>;

export const partSizeBytes = (config: AwsS3Config): number => config.multipart.partSizeMiB * MiB;
