import { loadApp, type LoadedApp } from '@mti/loader';
import { s3Env, type RunningS3rver } from '../../../loader/test/support/s3';
import { seedConfig, seedDeclaration, tempApp, type TempApp } from '../../../loader/test/support/tempApp';

/** A real s3rver and a loaded app folder on it: what most gateway test files start from. */
export interface SeedS3App {
  server: RunningS3rver;
  folder: TempApp;
  app: LoadedApp;
}

export interface SeedS3AppOptions {
  /** storages.MyS3's config beyond the seed's (its keys under `prefix`, say). */
  config: Record<string, unknown>;
  /** Whether the app watches its folder. */
  watch: boolean;
  /** The s3rver's bucket; s3Env's default otherwise. */
  bucket?: string;
  /** More files in the app folder, beside storages/MyS3. */
  files?: Record<string, string | object>;
  /** Runs on the folder before the app loads it (links, files no tempApp can write). */
  beforeLoad?: (folder: TempApp) => void;
}

/**
 * One setup for the gateway tests: a fresh s3rver, and a temp app folder holding the seed's
 * storages.MyS3 on it, loaded with the server's env. Close it with closeSeedS3App.
 */
export async function seedS3App(options: SeedS3AppOptions): Promise<SeedS3App> {
  const started = await s3Env(options.bucket);
  const folder = tempApp({
    'storages/MyS3/e.json': seedDeclaration,
    'storages/MyS3/MyS3.json': seedConfig(options.config),
    ...options.files,
  });
  options.beforeLoad?.(folder);
  const app = await loadApp(folder.dir, { env: started.env, watch: options.watch });
  return { server: started.server, folder, app };
}

/** Undoes seedS3App, in order: the app closed, the server stopped, the folder removed. */
export async function closeSeedS3App({ server, folder, app }: SeedS3App): Promise<void> {
  await app.close();
  await server.stop();
  folder.cleanup();
}
