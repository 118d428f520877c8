import { loadApp, type LoaderErrorEvent, type LoadedApp, type ReloadEvent } from '@mti/loader';
import { nextReload, sleep } from './support/events';
import { seedConfig, seedDeclaration, tempApp, type TempApp } from './support/tempApp';

// No S3 server: these tests only load and reload; nothing calls an instance.
const baseEnv = { S3_ACCESS_KEY_ID: 'id', S3_ACCESS_KEY_SECRET: 'secret', S3_ENDPOINT: 'http://127.0.0.1:9' };

let folder: TempApp;
let app: LoadedApp | undefined;
beforeEach(() => {
  folder = tempApp({ 'storages/MyS3/e.json': seedDeclaration, 'storages/MyS3/MyS3.json': seedConfig() });
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  folder.cleanup();
});

describe('loadApp({ beforeReload })', () => {
  it('runs before a reload applies, and the reload waits for it', async () => {
    const env: Record<string, string | undefined> = { ...baseEnv };
    const log: string[] = [];
    app = await loadApp(folder.dir, {
      env,
      watch: true,
      beforeReload: async () => {
        log.push('before');
        await sleep(150);
        // What `mti serve --embedded-s3` does: fill a variable the edited config has started to use.
        env.LATE_BUCKET = 'mti-late';
        log.push('ready');
      },
    });
    app.on('reload', (event) => log.push(`reload ${event.status}`));
    const reloaded = nextReload(app);
    folder.write('storages/MyS3/MyS3.json', seedConfig({ bucketName: '${LATE_BUCKET}' }));
    expect(await reloaded).toMatchObject({ fullName: 'storages.MyS3', status: 'ready' });
    expect(log.slice(0, 3)).toEqual(['before', 'ready', 'reload ready']);
  });

  it('runs one hook at a time, serves the files as they end up, and close() waits', async () => {
    const events: ReloadEvent[] = [];
    const log: string[] = [];
    let calls = 0;
    let calls3 = -1;
    app = await loadApp(folder.dir, {
      env: baseEnv,
      watch: true,
      beforeReload: async () => {
        const call = ++calls;
        log.push(`start ${call}`);
        await sleep(call === 1 || call === calls3 ? 300 : 10);
        log.push(`end ${call}`);
      },
    });
    app.on('reload', (event) => events.push(event));
    folder.write('storages/MyS3/MyS3.json', seedConfig({ region: 'eu west' }));
    await sleep(120); // the first reload is now waiting in beforeReload
    folder.write('storages/MyS3/MyS3.json', seedConfig({ prefix: 'second' }));
    await nextReload(app, (event) => event.status === 'ready');
    await sleep(200);
    // Each reload reads the files when it applies: the broken version was gone by then.
    expect(events.map((event) => event.status)).toEqual(['ready']);
    expect(app.getElement<{ config: { prefix?: string } }>('storages.MyS3').config.prefix).toBe('second');
    for (let call = 1; call <= calls; call++) {
      expect(log.indexOf(`end ${call}`)).toBe(log.indexOf(`start ${call}`) + 1);
    }

    // A hook still running when close() is called: close resolves only after it has finished,
    // and no reload is applied after close.
    calls3 = calls + 1;
    folder.write('storages/MyS3/MyS3.json', seedConfig({ prefix: 'third' }));
    for (let i = 0; i < 100 && !log.includes(`start ${calls3}`); i++) await sleep(10);
    expect(log.at(-1)).toBe(`start ${calls3}`);
    const before = events.length;
    await app.close();
    expect(log.at(-1)).toBe(`end ${calls3}`);
    await sleep(100);
    expect(events.length).toBe(before);
  });

  it('reports a hook that throws, and reloads anyway', async () => {
    const errors: LoaderErrorEvent[] = [];
    app = await loadApp(folder.dir, {
      env: baseEnv,
      watch: true,
      beforeReload: () => {
        throw new Error('bucket could not be made');
      },
    });
    app.on('error', (event) => errors.push(event));
    const reloaded = nextReload(app);
    folder.write('storages/MyS3/MyS3.json', seedConfig({ prefix: 'after' }));
    expect(await reloaded).toMatchObject({ fullName: 'storages.MyS3', status: 'ready' });
    expect(errors.map((event) => [event.error.code, event.error.message])).toEqual([
      ['UNKNOWN', 'before reload: bucket could not be made'],
    ]);
  });
});
