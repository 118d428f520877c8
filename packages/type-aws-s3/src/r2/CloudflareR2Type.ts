import type { CopyObjectCommand, CopyObjectCommandInput } from '@aws-sdk/client-s3';
import type { SignedUploadForm, UploadFormOptions } from '@mti/core';
import { AwsS3Type } from '../AwsS3Type';
import { cloudflareR2ConfigSchema } from './cloudflareR2ConfigSchema';
import { r2CopyObjectCommand } from './r2CopyObjectCommand';
import { r2StorageClasses } from './r2StorageClasses';
import { r2UploadFormRefusal } from './r2UploadFormRefusal';

/**
 * `storages.CloudflareR2Type`: the S3 Type on Cloudflare R2, with R2's conventions: the endpoint
 * made from the account ID (and jurisdiction), region `auto`, R2's storage classes and bucket
 * names, no server-side encryption fields, and checksums only where an operation requires one
 * (see cloudflareR2ConfigSchema). No request of the S3 Type carries an ACL (x-amz-acl,
 * x-amz-grant-*), which R2 does not implement; access is set per bucket in Cloudflare instead.
 * R2 takes no POST uploads, so `getSignUploadForm` is refused, and a copy's conditions go under
 * R2's own header names.
 */
export class CloudflareR2Type extends AwsS3Type {
  static override readonly configSchema = cloudflareR2ConfigSchema;
  static override readonly storageClasses: readonly string[] = r2StorageClasses;

  override async getSignUploadForm(
    file: string,
    _contentType: string,
    _options: UploadFormOptions,
  ): Promise<SignedUploadForm> {
    throw r2UploadFormRefusal(this.fullName, this.type, this.checkKey('getSignUploadForm', file, 'file'));
  }

  protected override copyObjectCommand(input: CopyObjectCommandInput): CopyObjectCommand {
    return r2CopyObjectCommand(input);
  }
}
