import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { desAvailable } from './desAvailable';
import { planEmbeddedS3 } from './planEmbeddedS3';

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

// s3rver's built-in account.
const ACCESS_KEY = 'S3RVER';
const REGION = 'us-east-1';

/**
 * s3rver in this process on 127.0.0.1, its data under `<app>/.mti/s3` (kept between runs, out of
 * git), with the buckets the app's configs name, and values for the variables they use.
 */
export async function startEmbeddedS3(appDir: string, options: EmbeddedS3Options = {}): Promise<EmbeddedS3> {
  if (!desAvailable()) {
    throw new Error(
      'the embedded s3rver needs Node started with --openssl-legacy-provider (the mti command does this itself)',
    );
  }
  const baseEnv = options.env ?? process.env;
  const plan = planEmbeddedS3(appDir, baseEnv);
  const stateDir = join(appDir, '.mti');
  const directory = join(stateDir, 's3');
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(stateDir, '.gitignore'), '*\n');
  const server = new S3rver({
    port: options.port ?? 0,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: plan.buckets.map((name) => ({ name, configs: [] })),
  });
  const address = (await server.run()) as { port: number };
  const endpoint = `http://127.0.0.1:${address.port}`;
  const buckets = new Set(plan.buckets);
  const env: Record<string, string | undefined> = { ...baseEnv };
  let skipped = plan.skipped;
  const fill = (variables: typeof plan.variables): void => {
    for (const [name, use] of variables) {
      if (use.role === 'bucket') env[name] = use.bucket;
      else if (use.role === 'endpoint') env[name] = endpoint;
      else if (use.role === 'region') env[name] = REGION;
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
    env,
    async sync() {
      const next = planEmbeddedS3(appDir, baseEnv);
      fill(next.variables);
      skipped = next.skipped;
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
          credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: ACCESS_KEY },
        });
        await client.send(new CreateBucketCommand({ Bucket: bucket }));
        buckets.add(bucket);
        created.push(bucket);
      }
      return created;
    },
    async stop() {
      client?.destroy();
      await server.close();
    },
  };
  return embedded;
}
