import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { ElementError, ErrorCode } from '@mti/core';
import S3rver from 's3rver';
import { desAvailable } from './desAvailable';
import { planEmbeddedS3 } from './planEmbeddedS3';
import { removeStaleTempFiles } from './removeStaleTempFiles';
import { verifySigV4 } from './verifySigV4';

export interface EmbeddedS3Options {
  /** The environment the app's `${VAR}`s come from; the server's values are added to a copy. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
}

export interface EmbeddedS3 {
  endpoint: string;
  directory: string;
  /** The buckets created so far, sorted. */
  buckets: string[];
  /** Storage elements the server cannot serve because their endPoint is written out. */
  skipped: string[];
  /** Storage elements on this server whose written-out keys it will refuse. */
  writtenKeys: string[];
  /** `options.env` plus the values for the variables the app's configs use; `sync` adds to it. */
  env: Record<string, string | undefined>;
  /**
   * Reads the app's configs again and gets the server ready for them: creates the buckets they
   * now name and fills the variables they now use. `mti serve` runs it before every reload.
   * Resolves with the buckets it created.
   */
  sync(): Promise<string[]>;
  stop(): Promise<void>;
}

// The key id of s3rver's built-in account (it looks accounts up by it); the secret is ours.
const ACCESS_KEY = 'S3RVER';
const REGION = 'us-east-1';

/**
 * s3rver in this process on 127.0.0.1, its data under `<app>/.mti/s3` (kept between runs, out of
 * git), with the buckets the app's configs name, and values for the variables they use.
 *
 * s3rver is patched (patches/s3rver@3.7.1.patch, docs/embedded-s3-servers.md): it writes each
 * object aside and renames it into place with its metadata, so readers and a kill mid-write never
 * see half an object, and it removes the parts of aborted multipart uploads.
 *
 * It answers only requests signed with a secret made for this run, which only this process (and
 * the app it runs, through its variables) knows: s3rver would take anonymous requests, so any
 * local user could otherwise read and write the buckets without the gateway's token.
 */
export async function startEmbeddedS3(appDir: string, options: EmbeddedS3Options = {}): Promise<EmbeddedS3> {
  if (!desAvailable()) {
    throw new ElementError({
      code: ErrorCode.UNAVAILABLE,
      message:
        'the embedded s3rver needs Node started with --openssl-legacy-provider (the mti command does this itself)',
    });
  }
  const baseEnv = options.env ?? process.env;
  const plan = planEmbeddedS3(appDir, baseEnv);
  const stateDir = join(appDir, '.mti');
  const directory = join(stateDir, 's3');
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(stateDir, '.gitignore'), '*\n');
  const s3rver = new S3rver({
    silent: true,
    directory,
    configureBuckets: plan.buckets.map((name) => ({ name, configs: [] })),
  });
  await s3rver.configureBuckets();
  removeStaleTempFiles(directory);
  const secret = randomBytes(24).toString('base64url');
  const credentials = { accessKeyId: ACCESS_KEY, secretAccessKey: secret };
  const handle = s3rver.callback();
  const server = createServer((request, response) => {
    // A CORS preflight carries no credentials and touches no data: s3rver answers it by the
    // bucket's CORS rules.
    const refusal =
      request.method === 'OPTIONS'
        ? undefined
        : verifySigV4({ method: request.method ?? '', url: request.url ?? '/', headers: request.headers }, credentials);
    if (refusal === undefined) return void handle(request, response);
    response.writeHead(403, { 'content-type': 'application/xml', connection: 'close' });
    response.end(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${refusal.code}</Code><Message>${refusal.message}</Message></Error>`,
    );
  });
  await listen(server, options.port ?? 0);
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const buckets = new Set(plan.buckets);
  const env: Record<string, string | undefined> = { ...baseEnv };
  let skipped = plan.skipped;
  let writtenKeys = [...new Set(plan.writtenKeys)];
  const fill = (variables: typeof plan.variables): void => {
    for (const [name, use] of variables) {
      if (use.role === 'bucket') env[name] = use.bucket;
      else if (use.role === 'endpoint') env[name] = endpoint;
      else if (use.role === 'region') env[name] = REGION;
      else if (use.role === 'secret') env[name] = secret;
      else env[name] = ACCESS_KEY;
    }
  };
  fill(plan.variables);

  let client: S3Client | undefined;
  const embedded: EmbeddedS3 = {
    endpoint,
    directory,
    get buckets() {
      return [...buckets].sort();
    },
    get skipped() {
      return skipped;
    },
    get writtenKeys() {
      return writtenKeys;
    },
    env,
    async sync() {
      const next = planEmbeddedS3(appDir, baseEnv);
      fill(next.variables);
      skipped = next.skipped;
      writtenKeys = [...new Set(next.writtenKeys)];
      const created: string[] = [];
      for (const bucket of next.buckets) {
        if (buckets.has(bucket)) continue;
        // Through the S3 API, as any client would; the SDK is loaded only the first time.
        const { S3Client: Client, CreateBucketCommand } =
          require('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3');
        client ??= new Client({
          endpoint,
          region: REGION,
          forcePathStyle: true,
          credentials,
        });
        await client.send(new CreateBucketCommand({ Bucket: bucket }));
        buckets.add(bucket);
        created.push(bucket);
      }
      return created;
    },
    async stop() {
      client?.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return embedded;
}

/** Listens on 127.0.0.1; a port in use is a CONFLICT (pick another), anything else UNAVAILABLE. */
function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException): void =>
      reject(
        new ElementError({
          code: error.code === 'EADDRINUSE' ? ErrorCode.CONFLICT : ErrorCode.UNAVAILABLE,
          message: `the embedded S3 server cannot listen on 127.0.0.1:${port}: ${error.message}`,
          cause: error,
        }),
      );
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', fail);
      resolve();
    });
  });
}
