// Acme's encapsulation of the official storages.AwsS3Type, for every Instance in this app:
// each tenant's keys live under its own prefix, and every call leaves an audit line.
import {
  z,
  type DeleteResult,
  type ObjectInfo,
  type UploadData,
  type UploadOptions,
  type UploadResult,
} from '@mti/core';
import { AwsS3Type, awsS3ConfigSchema } from '@mti/type-aws-s3';

export default class AcmeAwsS3Type extends AwsS3Type {
  // The official schema plus our field; secret fields are inherited.
  static override readonly configSchema = awsS3ConfigSchema.extend({
    tenant: z.string().regex(/^[a-z0-9-]+$/, 'must be lower-case letters, digits and "-"'),
  });

  override async uploadByFile(
    name: string,
    data: UploadData,
    contentType?: string,
    options?: UploadOptions,
  ): Promise<UploadResult> {
    this.audit('uploadByFile', name);
    const result = await super.uploadByFile(this.tenantKey(name), data, contentType, options);
    return { ...result, key: name };
  }

  override async download(name: string): Promise<Buffer> {
    this.audit('download', name);
    return super.download(this.tenantKey(name));
  }

  override async getObject(name: string): Promise<ObjectInfo> {
    this.audit('getObject', name);
    return { ...(await super.getObject(this.tenantKey(name))), key: name };
  }

  override async delete(name: string): Promise<DeleteResult> {
    this.audit('delete', name);
    await super.delete(this.tenantKey(name));
    return { key: name, deleted: true };
  }

  override async getSignUrl(file: string, contentType: string, expires?: number): Promise<string> {
    this.audit('getSignUrl', file);
    return super.getSignUrl(this.tenantKey(file), contentType, expires);
  }

  private tenantKey(name: string): string {
    // Checked first, so a bad name is reported as the caller wrote it.
    this.checkKey('tenantKey', name);
    return `${(this.config as unknown as { tenant: string }).tenant}/${name}`;
  }

  private audit(operation: string, key: string): void {
    this.logger.info(
      { audit: true, element: this.fullName, operation, key },
      `audit ${this.fullName} ${operation} ${key}`,
    );
  }
}
