import { createCipheriv } from 'node:crypto';

/**
 * s3rver 3.7.1 encrypts ListObjectsV2 continuation tokens with DES, which OpenSSL 3 offers only
 * through its legacy provider (`node --openssl-legacy-provider`).
 */
export function desAvailable(): boolean {
  try {
    createCipheriv('des', Buffer.alloc(8), Buffer.alloc(8));
    return true;
  } catch {
    return false;
  }
}
