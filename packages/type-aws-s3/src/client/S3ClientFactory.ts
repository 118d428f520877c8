import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';

/**
 * What a client is for: `requests` sends every operation, `presign` only signs URLs (with
 * checksums off, so a presigned PUT carries none).
 */
export type S3ClientPurpose = 'requests' | 'presign';

/**
 * Makes an element's S3 client instead of the shared pool, for a team that wants a client of its
 * own (middleware, another handler). `config` is what the pool would build the client from, so
 * `new S3Client(config)` keeps the element's endpoint, credentials, checksums, timeouts and
 * agents. Called once per element and purpose; the element owns what it returns and destroys
 * it when disposed, so return a new client each time.
 */
export type S3ClientFactory = (config: S3ClientConfig, purpose: S3ClientPurpose) => S3Client;
