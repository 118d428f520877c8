import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import S3rver from 's3rver';
import { desAvailable } from './desAvailable';
import type { EmbeddedS3Plan } from './planEmbeddedS3';

export interface EmbeddedS3 {
  endpoint: string;
  directory: string;
  buckets: string[];
  /** Values for the variables the app's configs use. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

// s3rver's built-in account.
const ACCESS_KEY = 'S3RVER';

/**
 * s3rver in this process on 127.0.0.1 and a free port, its data under `<app>/.mti/s3` (kept
 * between runs, out of git), with the buckets the app's configs name.
 */
export async function startEmbeddedS3(appDir: string, plan: EmbeddedS3Plan, port = 0): Promise<EmbeddedS3> {
  if (!desAvailable()) {
    throw new Error(
      'the embedded s3rver needs Node started with --openssl-legacy-provider (the mti command does this itself)',
    );
  }
  const stateDir = join(appDir, '.mti');
  const directory = join(stateDir, 's3');
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(stateDir, '.gitignore'), '*\n');
  const server = new S3rver({
    port,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: plan.buckets.map((name) => ({ name, configs: [] })),
  });
  const address = (await server.run()) as { port: number };
  const endpoint = `http://127.0.0.1:${address.port}`;
  const env: Record<string, string> = {};
  for (const [name, use] of plan.variables) {
    if (use.role === 'bucket') env[name] = use.bucket;
    else if (use.role === 'endpoint') env[name] = endpoint;
    else if (use.role === 'region') env[name] = 'us-east-1';
    else env[name] = ACCESS_KEY;
  }
  return { endpoint, directory, buckets: plan.buckets, env, stop: () => server.close() };
}
