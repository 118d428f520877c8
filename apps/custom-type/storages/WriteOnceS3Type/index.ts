// A new Type built on the official one: objects can be written once, never replaced or deleted.
// It imports the official class, so the app's Acme override above does not apply to it.
import {
  ErrorCode,
  StorageError,
  type DeleteResult,
  type UploadData,
  type UploadOptions,
  type UploadResult,
} from '@mti/core';
import { AwsS3Type } from '@mti/type-aws-s3';

export default class WriteOnceS3Type extends AwsS3Type {
  override async uploadByFile(
    name: string,
    data: UploadData,
    contentType?: string,
    options?: UploadOptions,
  ): Promise<UploadResult> {
    if (await this.exists(name))
      throw this.refuse('uploadByFile', name, 'the object exists and this storage is write-once');
    return super.uploadByFile(name, data, contentType, options);
  }

  override async delete(name: string): Promise<DeleteResult> {
    throw this.refuse('delete', name, 'this storage is write-once');
  }

  private refuse(operation: string, key: string, detail: string): StorageError {
    return new StorageError({
      code: ErrorCode.CONFLICT,
      element: this.fullName,
      storageType: this.type,
      operation,
      key,
      detail,
    });
  }
}
