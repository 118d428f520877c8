import { loadApp, type LoadedApp } from '@mti/loader';
import { appEnv, type EmbeddedOptions } from './appEnv';

/** Loads the app (no watcher), runs `work`, then closes the app and any embedded S3 server. */
export async function withLoadedApp<T>(
  appDir: string,
  options: EmbeddedOptions,
  work: (app: LoadedApp) => Promise<T>,
): Promise<T> {
  const setup = await appEnv(appDir, options);
  try {
    const app = await loadApp(setup.appDir, { env: setup.env });
    try {
      return await work(app);
    } finally {
      await app.close();
    }
  } finally {
    await setup.stop();
  }
}
