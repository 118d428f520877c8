import { resolve } from 'node:path';
import { ElementError, ErrorCode } from '@mti/core';
import type { EmbeddedS3 } from '../embedded/startEmbeddedS3';

/** The options of every command that loads an app. */
export interface EmbeddedOptions {
  embeddedS3?: boolean;
  /** Port of the embedded S3 server; a free one when absent. */
  s3Port?: number;
}

export interface AppEnv {
  appDir: string;
  env: Record<string, string | undefined>;
  embedded?: EmbeddedS3;
  stop(): Promise<void>;
}

/** The environment an app runs with: the process's, plus the embedded S3 server's if asked. */
export async function appEnv(appDir: string, options: EmbeddedOptions): Promise<AppEnv> {
  const dir = resolve(appDir);
  if (options.embeddedS3 !== true) {
    if (options.s3Port !== undefined) {
      throw new ElementError({
        code: ErrorCode.INVALID_ARGUMENT,
        message: '--s3-port sets the port of the embedded S3 server: add --embedded-s3',
      });
    }
    return { appDir: dir, env: process.env, stop: async () => {} };
  }
  // Required here, not at the top: only commands given --embedded-s3 load the server.
  const { startEmbeddedS3 } = require('../embedded/startEmbeddedS3') as typeof import('../embedded/startEmbeddedS3');
  const embedded = await startEmbeddedS3(dir, {
    env: process.env,
    ...(options.s3Port === undefined ? {} : { port: options.s3Port }),
  });
  return { appDir: dir, env: embedded.env, embedded, stop: () => embedded.stop() };
}
