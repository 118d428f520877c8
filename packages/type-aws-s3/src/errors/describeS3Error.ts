import { ErrorCode, type ErrorDescription } from '@mti/core';
import { missingBucket } from './missingBucket';

interface SdkLikeError {
  name?: string;
  code?: string;
  Code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  cause?: unknown;
}

const accessDenied = new Set([
  'AccessDenied',
  'Forbidden',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'InvalidToken',
  'TokenRefreshRequired',
  'AllAccessDisabled',
  'AccountProblem',
  'CredentialsProviderError',
  'InvalidClientTokenId',
  'RequestTimeTooSkewed',
]);
const unavailable = new Set([
  'ServiceUnavailable',
  'SlowDown',
  'InternalError',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
]);
const timeouts = new Set(['TimeoutError', 'RequestTimeout', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'AbortError']);
const conflicts = new Set([
  'PreconditionFailed',
  'ConditionalRequestConflict',
  'BucketAlreadyExists',
  'BucketAlreadyOwnedByYou',
  'OperationAborted',
  'InvalidObjectState',
]);
const invalidArguments = new Set([
  'InvalidArgument',
  'EntityTooLarge',
  'EntityTooSmall',
  'KeyTooLongError',
  'InvalidStorageClass',
  'InvalidRequest',
  'MetadataTooLarge',
  'InvalidDigest',
  'BadDigest',
  'InvalidRange',
]);

/**
 * Maps what the AWS SDK (or the socket under it) threw to one of our codes and a short reason.
 * Names first, since S3's error codes are stable; the HTTP status only as a fallback.
 */
export function describeS3Error(error: unknown, bucket: string): ErrorDescription {
  const found = innermost(error);
  const names = [found.name, found.code, found.Code, ...codesInMessage(found.message)].filter(
    (n): n is string => typeof n === 'string',
  );
  const status = found.$metadata?.httpStatusCode;
  const is = (set: Set<string>): boolean => names.some((n) => set.has(n));
  const label = names.find((n) => n !== 'Error') ?? 'Error';
  const message =
    found.message && found.message !== label && !/^UnknownError$/.test(found.message) ? `: ${found.message}` : '';

  if (names.includes('NoSuchBucket')) return missingBucket(bucket);
  if (names.includes('NoSuchKey') || (names.includes('NotFound') && status === 404)) {
    return { code: ErrorCode.NOT_FOUND, detail: `no such object in bucket "${bucket}"` };
  }
  if (names.includes('CredentialsProviderError')) {
    return {
      code: ErrorCode.ACCESS_DENIED,
      detail:
        'no AWS credentials: set accessKeyId and accessKeySecret, or configure the default credential chain (environment, profile, role)',
    };
  }
  // A body that is not the one the server promised: our MD5 check of the ETag, or the SDK's of a
  // stored x-amz-checksum-* ("Checksum mismatch: …", a plain Error). UNAVAILABLE, as a transfer
  // that failed: the next attempt may well get the object whole.
  if (names.includes('BodyDigestMismatch')) {
    return { code: ErrorCode.UNAVAILABLE, detail: `corrupt response (BodyDigestMismatch)${message}` };
  }
  if (found.message?.startsWith('Checksum mismatch: ') === true) {
    return { code: ErrorCode.UNAVAILABLE, detail: `corrupt response (ChecksumMismatch): ${found.message}` };
  }
  if (is(accessDenied) || status === 403)
    return { code: ErrorCode.ACCESS_DENIED, detail: `access denied (${label})${message}` };
  if (is(timeouts)) return { code: ErrorCode.TIMEOUT, detail: `no answer in time (${label})${message}` };
  if (is(unavailable) || (status !== undefined && status >= 500)) {
    return { code: ErrorCode.UNAVAILABLE, detail: `server unavailable (${label})${message}` };
  }
  if (is(conflicts) || status === 409 || status === 412)
    return { code: ErrorCode.CONFLICT, detail: `${label}${message}` };
  if (names.includes('InvalidBucketName'))
    return { code: ErrorCode.INVALID_CONFIG, detail: `invalid bucket name "${bucket}"` };
  if (is(invalidArguments) || status === 400 || status === 411 || status === 416) {
    return { code: ErrorCode.INVALID_ARGUMENT, detail: `${label}${message}` };
  }
  if (status === 404) return { code: ErrorCode.NOT_FOUND, detail: `not found (${label})${message}` };
  return { code: ErrorCode.UNKNOWN, detail: `${label}${message}` };
}

/**
 * The SDK's retry layer rebuilds errors it does not recognise as `Error` (one from another
 * realm, as under jest) into "AWS SDK error wrapper for Error: connect ECONNREFUSED …", keeping
 * only the text; the errno code is then read back from it.
 */
function codesInMessage(message: string | undefined): string[] {
  return message === undefined
    ? []
    : [...message.matchAll(/\b(E[A-Z]{4,}|TimeoutError)\b/g)].map((m) => m[1] as string);
}

/** Socket errors reach us wrapped by the SDK or by lib-storage; the innermost one says most. */
function innermost(error: unknown): SdkLikeError {
  let current = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as SdkLikeError;
  for (let depth = 0; depth < 5; depth++) {
    const known = [current.name, current.code, current.Code].some((n) => n !== undefined && n !== 'Error');
    if (known || typeof current.cause !== 'object' || current.cause === null) break;
    current = current.cause as SdkLikeError;
  }
  return current;
}
