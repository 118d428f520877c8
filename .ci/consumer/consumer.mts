// Type-checked with moduleResolution nodenext, as an ES module consumer.
import { loadApp, type LoadedApp } from '@mti/loader';
import { ErrorCode, StorageError, type UploadResult } from '@mti/core';
import type { AwsS3Type } from '@mti/type-aws-s3';

export async function upload(dir: string): Promise<UploadResult> {
  const app: LoadedApp = await loadApp(dir);
  const s3 = app.getElement<AwsS3Type>('storages.MyS3');
  try {
    return await s3.uploadByFile('a.txt', 'text', 'text/plain', { cacheControl: 'no-cache' });
  } catch (error) {
    if (StorageError.is(error) && error.code === ErrorCode.NOT_FOUND) throw new Error(error.detail, { cause: error });
    throw error;
  } finally {
    await app.close();
  }
}
