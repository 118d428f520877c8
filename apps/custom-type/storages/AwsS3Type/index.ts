// Acme's encapsulation of the official storages.AwsS3Type, for every Instance in this app:
// each tenant's keys live under its own prefix, and every call leaves an audit line.
import {
  redactedView,
  z,
  type DeleteResult,
  type DownloadOptions,
  type ElementContext,
  type ObjectInfo,
  type UploadData,
  type UploadOptions,
  type UploadResult,
} from '@mti/core';
import { AwsS3Type, awsS3ConfigSchema, type AwsS3Config } from '@mti/type-aws-s3';

type AcmeConfig = AwsS3Config & { tenant: string };

export default class AcmeAwsS3Type extends AwsS3Type {
  // The official schema plus our field; secret fields are inherited.
  static override readonly configSchema = awsS3ConfigSchema.extend({
    tenant: z.string().regex(/^[a-z0-9-]+$/, 'must be lower-case letters, digits and "-"'),
  });

  constructor(context: ElementContext<AcmeConfig>) {
    // The tenant becomes part of the key prefix the official class applies to every key. Adding
    // it in the five methods below instead would leave the functions this class inherits
    // (exists, list, copy, move, deleteMany, downloadStream, getSignUploadUrl, all callable over
    // HTTP) reaching every tenant's keys: the contract kit's tests caught exactly that.
    const { prefix, tenant } = context.config;
    const config = { ...context.config, prefix: prefix === undefined ? tenant : `${prefix}/${tenant}` };
    super({ ...context, config: redactedView(config, context.secretFields) });
  }

  override async uploadByFile(
    name: string,
    data: UploadData,
    contentType?: string,
    options?: UploadOptions,
  ): Promise<UploadResult> {
    this.audit('uploadByFile', name);
    return super.uploadByFile(name, data, contentType, options);
  }

  // The options too: the class declares download's `options?` (byte ranges) by inheritance, so
  // dropping them here would serve whole objects to callers who asked for a part.
  override async download(name: string, options?: DownloadOptions): Promise<Buffer> {
    this.audit('download', name);
    return super.download(name, options);
  }

  override async getObject(name: string): Promise<ObjectInfo> {
    this.audit('getObject', name);
    return super.getObject(name);
  }

  override async delete(name: string): Promise<DeleteResult> {
    this.audit('delete', name);
    return super.delete(name);
  }

  override async getSignUrl(file: string, contentType: string, expires?: number): Promise<string> {
    this.audit('getSignUrl', file);
    return super.getSignUrl(file, contentType, expires);
  }

  private audit(operation: string, key: string): void {
    this.logger.info(
      { audit: true, element: this.fullName, operation, key },
      `audit ${this.fullName} ${operation} ${key}`,
    );
  }
}
