import { resolve } from 'node:path';
import { planEmbeddedS3 } from '../embedded/planEmbeddedS3';
import { startEmbeddedS3, type EmbeddedS3 } from '../embedded/startEmbeddedS3';

export interface AppEnv {
  appDir: string;
  env: Record<string, string | undefined>;
  embedded?: EmbeddedS3;
  /** Storage elements the embedded server cannot serve (their endPoint is written out). */
  skipped: string[];
  stop(): Promise<void>;
}

/** The environment an app runs with: the process's, plus the embedded S3 server's if asked. */
export async function appEnv(appDir: string, embeddedS3: boolean): Promise<AppEnv> {
  const dir = resolve(appDir);
  if (!embeddedS3) return { appDir: dir, env: process.env, skipped: [], stop: async () => {} };
  const plan = planEmbeddedS3(dir, process.env);
  const embedded = await startEmbeddedS3(dir, plan);
  return {
    appDir: dir,
    env: { ...process.env, ...embedded.env },
    embedded,
    skipped: plan.skipped,
    stop: () => embedded.stop(),
  };
}
