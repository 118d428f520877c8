import { createCipheriv } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

export interface RunningS3rver {
  endpoint: string;
  port: number;
  directory: string;
  stop(): Promise<void>;
}

/**
 * s3rver 3.7.1 encrypts ListObjectsV2 continuation tokens with DES, which OpenSSL 3 offers only
 * through its legacy provider: without it every truncated listing is a 500 from the server.
 */
function assertDesAvailable(): void {
  try {
    createCipheriv('des', Buffer.alloc(8), Buffer.alloc(8));
  } catch {
    throw new Error(
      's3rver needs Node started with --openssl-legacy-provider (`pnpm test` sets it through NODE_OPTIONS)',
    );
  }
}

/** A real s3rver on 127.0.0.1 and a free port, its data in a temp folder, these buckets made. */
export async function startS3rver(buckets: string[], port = 0, directory?: string): Promise<RunningS3rver> {
  assertDesAvailable();
  const dir = directory ?? mkdtempSync(join(tmpdir(), 'mti-s3rver-'));
  const server = new S3rver({
    port,
    address: '127.0.0.1',
    silent: true,
    directory: dir,
    configureBuckets: buckets.map((name) => ({ name, configs: [] })),
  });
  const address = (await server.run()) as { port: number };
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    port: address.port,
    directory: dir,
    async stop() {
      await server.close();
      if (directory === undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}
