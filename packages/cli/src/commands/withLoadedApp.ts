import { loadApp, type LoadedApp } from '@mti/loader';
import { appEnv } from './appEnv';

/** Loads the app (no watcher), runs `work`, then closes the app and any embedded S3 server. */
export async function withLoadedApp<T>(
  appDir: string,
  embeddedS3: boolean,
  work: (app: LoadedApp) => Promise<T>,
): Promise<T> {
  const setup = await appEnv(appDir, embeddedS3);
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
