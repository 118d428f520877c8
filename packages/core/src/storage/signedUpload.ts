import type { SignedUpload } from './storageResults';

/**
 * `getSignUploadUrl`'s answer for a URL signed with its Content-Type, as every Type signs one (so
 * the uploader cannot store the object under another type): the header goes back to be sent as is.
 */
export function signedUpload(url: string, contentType: string): SignedUpload {
  return { url, method: 'PUT', headers: { 'Content-Type': contentType } };
}
