// A new Type built on the official one: objects can be written once, never replaced or deleted.
// It imports the official class, so the app's Acme override above does not apply to it.
import {
  ErrorCode,
  StorageError,
  uploadFormProblem,
  type DeleteResult,
  type SignedUploadForm,
  type UploadData,
  type UploadFormOptions,
  type UploadOptions,
  type UploadResult,
} from '@mti/core';
import { AwsS3Type, type CopyResult, type DeleteManyItem, type SignedUpload } from '@mti/type-aws-s3';

// Every inherited function that could replace or delete an object is refused too: the class
// offers them over HTTP (`static functions` is inherited), so guarding the seed's two would
// leave move, deleteMany, copy and signed PUTs as ways around the rule. Keys are checked first,
// so a bad argument is still INVALID_ARGUMENT, as the storage contract says.
export default class WriteOnceS3Type extends AwsS3Type {
  override async uploadByFile(
    name: string,
    data: UploadData,
    contentType?: string,
    options?: UploadOptions,
  ): Promise<UploadResult> {
    this.checkKey('uploadByFile', name);
    if (await this.exists(name))
      throw this.refuse('uploadByFile', name, 'the object exists and this storage is write-once');
    return super.uploadByFile(name, data, contentType, options);
  }

  override async delete(name: string): Promise<DeleteResult> {
    throw this.refuse('delete', this.checkKey('delete', name), 'this storage is write-once');
  }

  override async copy(from: string, to: string): Promise<CopyResult> {
    this.checkKey('copy', from, 'from');
    if (await this.exists(this.checkKey('copy', to, 'to')))
      throw this.refuse('copy', to, 'the target exists and this storage is write-once');
    return super.copy(from, to);
  }

  override async move(from: string, to: string): Promise<CopyResult> {
    this.checkKey('move', to, 'to');
    throw this.refuse(
      'move',
      this.checkKey('move', from, 'from'),
      'moving deletes the source; this storage is write-once',
    );
  }

  override async deleteMany(names: readonly string[]): Promise<DeleteManyItem[]> {
    if (!Array.isArray(names))
      throw this.invalidArgument('deleteMany', undefined, 'names', 'names must be an array of keys');
    names.forEach((name, index) => this.checkKey('deleteMany', name, `names[${index}]`));
    // Nothing to delete is nothing to refuse.
    if (names.length === 0) return [];
    throw this.refuse('deleteMany', undefined, 'this storage is write-once');
  }

  override async getSignUploadUrl(file: string, _contentType: string, _expires?: number): Promise<SignedUpload> {
    // A presigned PUT can replace the object for as long as it is valid, and not every S3 server
    // honours a conditional (If-None-Match) PUT: no signed uploads here.
    this.checkKey('getSignUploadUrl', file, 'file');
    throw this.refuse('getSignUploadUrl', file, 'a signed PUT could replace the object; this storage is write-once');
  }

  override async getSignUploadForm(
    file: string,
    _contentType: string,
    options: UploadFormOptions,
  ): Promise<SignedUploadForm> {
    // A POST form can replace the object as a signed PUT can, and S3's POST policies have no
    // create-only condition: no upload forms either.
    this.checkKey('getSignUploadForm', file, 'file');
    this.checkArgument('getSignUploadForm', file, uploadFormProblem(options));
    throw this.refuse('getSignUploadForm', file, 'an upload form could replace the object; this storage is write-once');
  }

  private refuse(operation: string, key: string | undefined, detail: string): StorageError {
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
