import type { UploadData, UploadOptions, UploadResult } from '@mti/core';
import { AwsS3Type } from '@mti/type-aws-s3';

/** An app's own Type: every key goes under tenant-a/. */
export default class TenantS3Type extends AwsS3Type {
  override uploadByFile(
    name: string,
    data: UploadData,
    contentType?: string,
    options?: UploadOptions,
  ): Promise<UploadResult> {
    return super.uploadByFile(`tenant-a/${name}`, data, contentType, options);
  }
}
