import type * as ClientS3 from '@aws-sdk/client-s3';
import type * as LibStorage from '@aws-sdk/lib-storage';
import type * as PresignedPost from '@aws-sdk/s3-presigned-post';
import type * as Presigner from '@aws-sdk/s3-request-presigner';
import type * as NodeHttpHandler from '@smithy/node-http-handler';

// Why these are loaded on first use: loading an app (`mti ls`, `mti check`, every start of
// `mti serve`) resolves this Type's class and validates configs, but talks to S3 only when an
// Instance is built. The SDK is most of this package's load time, so it waits until a client
// is made. After the first call each accessor is one variable read.

let clientS3: typeof ClientS3 | undefined;
let libStorage: typeof LibStorage | undefined;
let presigner: typeof Presigner | undefined;
let presignedPost: typeof PresignedPost | undefined;
let nodeHttpHandler: typeof NodeHttpHandler | undefined;

/** `@aws-sdk/client-s3`: the client and its commands. */
export const s3 = (): typeof ClientS3 => (clientS3 ??= require('@aws-sdk/client-s3') as typeof ClientS3);

/** `@aws-sdk/lib-storage`: multipart uploads of large buffers. */
export const storage = (): typeof LibStorage => (libStorage ??= require('@aws-sdk/lib-storage') as typeof LibStorage);

/** `@aws-sdk/s3-request-presigner`: presigned URLs. */
export const signer = (): typeof Presigner =>
  (presigner ??= require('@aws-sdk/s3-request-presigner') as typeof Presigner);

/** `@aws-sdk/s3-presigned-post`: browser upload forms (POST policies). */
export const poster = (): typeof PresignedPost =>
  (presignedPost ??= require('@aws-sdk/s3-presigned-post') as typeof PresignedPost);

/** `@smithy/node-http-handler`: the HTTP handler with our agents and timeouts. */
export const httpHandler = (): typeof NodeHttpHandler =>
  (nodeHttpHandler ??= require('@smithy/node-http-handler') as typeof NodeHttpHandler);
