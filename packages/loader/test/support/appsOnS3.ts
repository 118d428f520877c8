import { loadApp, type LoadedApp } from '@mti/loader';
import { s3Env, type RunningS3rver } from './s3';
import { tempApp, type TempApp } from './tempApp';

/**
 * Registers hooks for a test file: one embedded s3rver for the file, and temp app folders that
 * are closed and removed after each test.
 */
export function appsOnS3() {
  let server: RunningS3rver;
  let env: Record<string, string> = {};
  const opened: Array<{ app?: LoadedApp; folder: TempApp }> = [];
  beforeAll(async () => {
    ({ server, env } = await s3Env());
  });
  afterAll(() => server.stop());
  afterEach(async () => {
    for (const { app, folder } of opened.splice(0)) {
      await app?.close();
      folder.cleanup();
    }
  });
  return {
    env: (): Record<string, string> => env,
    endpoint: (): string => server.endpoint,
    /** A temp folder removed after the test. */
    folder(files: Record<string, string | object> = {}): TempApp {
      const folder = tempApp(files);
      opened.push({ folder });
      return folder;
    },
    /** An app loaded from a temp folder holding `files`, closed after the test. */
    async load(files: Record<string, string | object>): Promise<LoadedApp> {
      const entry: { app?: LoadedApp; folder: TempApp } = { folder: tempApp(files) };
      opened.push(entry);
      entry.app = await loadApp(entry.folder.dir, { env });
      return entry.app;
    },
  };
}
