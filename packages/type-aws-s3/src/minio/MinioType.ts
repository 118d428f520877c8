import { AwsS3Type } from '../AwsS3Type';
import { minioConfigSchema } from './minioConfigSchema';
import { minioStorageClasses } from './minioStorageClasses';

/**
 * `storages.MinioType`: the S3 Type on a MinIO server, with MinIO's conventions (path-style
 * addressing, region us-east-1, MinIO's storage classes). Everything else, the methods included,
 * is the S3 Type's: MinIO speaks S3.
 */
export class MinioType extends AwsS3Type {
  static override readonly configSchema = minioConfigSchema;
  static override readonly storageClasses: readonly string[] = minioStorageClasses;
}
