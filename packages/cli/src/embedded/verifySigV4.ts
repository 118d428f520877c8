import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export interface SigV4Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface SigV4Request {
  method: string;
  /** The request target as received: the path, still percent-encoded, and the query. */
  url: string;
  headers: IncomingHttpHeaders;
}

export type SigV4Refusal = { code: 'AccessDenied' | 'SignatureDoesNotMatch' | 'InvalidAccessKeyId'; message: string };

const ALGORITHM = 'AWS4-HMAC-SHA256';
/** How far a header-signed request's time may be from ours, as S3 allows. */
const SKEW_MS = 15 * 60 * 1000;
/** S3's longest presigned URL lifetime: seven days. */
const MAX_EXPIRES_S = 7 * 24 * 3600;

const sha256 = (data: string): string => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();
// RFC 3986 unreserved characters stay; everything else is %XX, upper-case, as SigV4 wants.
const encode = (value: string): string =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const decode = (value: string): string => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

/** `20261201T101500Z` → a Date, or undefined. */
function parseAmzDate(value: string | undefined): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  if (m === null) return undefined;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}

interface Signed {
  credential: string;
  signedHeaders: string;
  signature: string;
  amzDate: string;
  payloadHash: string;
  /** Query pairs that take part in the canonical query (all but the signature itself). */
  query: Array<[string, string]>;
}

function fromRequest(request: SigV4Request, query: Array<[string, string]>): Signed | string {
  const params = new Map(query);
  if (params.get('X-Amz-Algorithm') !== undefined) {
    if (params.get('X-Amz-Algorithm') !== ALGORITHM) return `unsupported algorithm ${params.get('X-Amz-Algorithm')}`;
    const expires = Number(params.get('X-Amz-Expires'));
    const date = parseAmzDate(params.get('X-Amz-Date'));
    if (!Number.isInteger(expires) || expires < 1 || expires > MAX_EXPIRES_S || date === undefined) {
      return 'malformed presigned URL';
    }
    if (Date.now() > date.getTime() + expires * 1000) return 'the presigned URL has expired';
    return {
      credential: params.get('X-Amz-Credential') ?? '',
      signedHeaders: params.get('X-Amz-SignedHeaders') ?? '',
      signature: params.get('X-Amz-Signature') ?? '',
      amzDate: params.get('X-Amz-Date') ?? '',
      payloadHash: params.get('X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD',
      query: query.filter(([name]) => name !== 'X-Amz-Signature'),
    };
  }
  const authorization = request.headers.authorization;
  if (authorization === undefined) return 'anonymous requests are not accepted';
  const m = /^AWS4-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(
    authorization.trim(),
  );
  if (m === null) return 'only AWS Signature Version 4 is accepted';
  const amzDate = request.headers['x-amz-date'];
  const date = parseAmzDate(typeof amzDate === 'string' ? amzDate : undefined);
  if (date === undefined) return 'the request has no valid x-amz-date';
  if (Math.abs(Date.now() - date.getTime()) > SKEW_MS) return 'the request time is too far from the server time';
  const payloadHash = request.headers['x-amz-content-sha256'];
  if (typeof payloadHash !== 'string') return 'the request has no x-amz-content-sha256';
  return { credential: m[1]!, signedHeaders: m[2]!, signature: m[3]!, amzDate: amzDate as string, payloadHash, query };
}

/**
 * Checks an S3 request's AWS Signature Version 4, in the Authorization header or in a presigned
 * URL's query, against the one key pair this server accepts. Returns why it is refused, or
 * undefined when the signature is right.
 *
 * s3rver itself accepts any V4 signature, and anonymous requests too (its V4 check is not
 * written), so every local user could read and write the embedded buckets around the gateway's
 * token. This is the check it lacks, done the way S3 describes it: the canonical request from
 * the method, the path as sent, the sorted query, the signed headers and the payload hash the
 * client declared, signed with a key derived from the secret and the credential's scope. The
 * payload itself is not hashed here: a body's integrity is TCP's and the SDK's checksum's job on
 * loopback, and a request whose headers are signed already proves who sent it.
 */
export function verifySigV4(request: SigV4Request, credentials: SigV4Credentials): SigV4Refusal | undefined {
  const queryIndex = request.url.indexOf('?');
  const path = queryIndex === -1 ? request.url : request.url.slice(0, queryIndex);
  const rawQuery = queryIndex === -1 ? '' : request.url.slice(queryIndex + 1);
  const query = rawQuery
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair): [string, string] => {
      const eq = pair.indexOf('=');
      return eq === -1 ? [decode(pair), ''] : [decode(pair.slice(0, eq)), decode(pair.slice(eq + 1))];
    });
  const signed = fromRequest(request, query);
  if (typeof signed === 'string') return { code: 'AccessDenied', message: signed };

  const [accessKeyId, day, region, service, terminator, ...rest] = signed.credential.split('/');
  if (accessKeyId !== credentials.accessKeyId) {
    return { code: 'InvalidAccessKeyId', message: 'the access key id is not known to this server' };
  }
  if (
    day === undefined ||
    region === undefined ||
    service !== 's3' ||
    terminator !== 'aws4_request' ||
    rest.length > 0
  ) {
    return { code: 'AccessDenied', message: 'malformed credential scope' };
  }
  if (!signed.amzDate.startsWith(day))
    return { code: 'AccessDenied', message: 'the credential date is not the request date' };
  const headerNames = signed.signedHeaders.split(';');
  if (!headerNames.includes('host')) return { code: 'AccessDenied', message: 'the host header must be signed' };

  const canonicalQuery = signed.query
    .map(([name, value]) => [encode(name), encode(value)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const canonicalHeaders = headerNames
    .map((name) => {
      const value = request.headers[name];
      const text = Array.isArray(value) ? value.join(',') : (value ?? '');
      return `${name}:${text.trim().replace(/\s+/g, ' ')}\n`;
    })
    .join('');
  const canonicalRequest = [
    request.method,
    path,
    canonicalQuery,
    canonicalHeaders,
    signed.signedHeaders,
    signed.payloadHash,
  ].join('\n');
  const scope = `${day}/${region}/${service}/${terminator}`;
  const stringToSign = [ALGORITHM, signed.amzDate, scope, sha256(canonicalRequest)].join('\n');
  let key = hmac(`AWS4${credentials.secretAccessKey}`, day);
  for (const part of [region, service, terminator]) key = hmac(key, part);
  const expected = createHmac('sha256', key).update(stringToSign, 'utf8').digest();
  const given = Buffer.from(/^[0-9a-f]{64}$/.test(signed.signature) ? signed.signature : '', 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { code: 'SignatureDoesNotMatch', message: 'the request signature does not match' };
  }
  return undefined;
}
