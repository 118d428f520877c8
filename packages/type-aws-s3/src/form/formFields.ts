import type { StorageParams } from '../put/storageParams';

/**
 * The config's storage class and encryption as POST form fields (the headers a PutObject would
 * send): a form upload is stored as every other upload of the element is. Each field the form
 * carries is also a condition of its policy, so the browser cannot change them.
 */
export function formFields(contentType: string, storage: StorageParams): Record<string, string> {
  return {
    'Content-Type': contentType,
    ...(storage.StorageClass === undefined ? {} : { 'x-amz-storage-class': storage.StorageClass }),
    ...(storage.ServerSideEncryption === undefined
      ? {}
      : { 'x-amz-server-side-encryption': storage.ServerSideEncryption }),
    ...(storage.SSEKMSKeyId === undefined
      ? {}
      : { 'x-amz-server-side-encryption-aws-kms-key-id': storage.SSEKMSKeyId }),
  };
}
