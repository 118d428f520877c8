import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { loadApp, type LoadedApp, type LoaderErrorEvent } from '@mti/loader';
import type { AwsS3Type } from '@mti/type-aws-s3';
import { nextReload } from './support/events';
import { recordingLogger } from './support/recordingLogger';
import { seedConfig, seedDeclaration, tempApp, type TempApp } from './support/tempApp';

// Instances are built without talking to S3: these tests only read their configs.
const env = { S3_ENDPOINT: 'http://127.0.0.1:9', S3_ACCESS_KEY_ID: 'k', S3_ACCESS_KEY_SECRET: 's' };
const seed = {
  'storages/MyS3/e.json': seedDeclaration,
  'storages/MyS3/MyS3.json': seedConfig({ prefix: 'one' }),
};

const appNames = (app: LoadedApp): string[] =>
  app
    .listElements()
    .filter((e) => e.origin === 'app')
    .map((e) => `${e.fullName}:${e.status}`)
    .sort();

const opened: Array<{ app?: LoadedApp; folder: TempApp }> = [];
afterEach(async () => {
  for (const { app, folder } of opened.splice(0)) {
    await app?.close();
    folder.cleanup();
  }
});
function folderOf(files: Record<string, string | object>): TempApp {
  const folder = tempApp(files);
  opened.push({ folder });
  return folder;
}
async function watched(folder: TempApp, logger = recordingLogger().logger): Promise<LoadedApp> {
  const app = await loadApp(folder.dir, { env, watch: true, logger });
  opened.push({ app, folder: { ...folder, cleanup: () => undefined } });
  return app;
}
/** Resolves with the first `error` event whose error names `file`. */
function errorNaming(app: LoadedApp, file: string, timeoutMs = 10_000): Promise<LoaderErrorEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      app.off('error', listener);
      reject(new Error(`no error event naming ${file} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (event: LoaderErrorEvent): void => {
      if (event.error.file !== file) return;
      clearTimeout(timer);
      app.off('error', listener);
      resolve(event);
    };
    app.on('error', listener);
  });
}
const prefixOf = (app: LoadedApp, fullName: string): unknown => app.getElement<AwsS3Type>(fullName).config.prefix;

describe('symlinked folders', () => {
  it('two links back to the app folder at start: loadApp resolves, elements load, the warnings name both links', async () => {
    const folder = folderOf(seed);
    mkdirSync(join(folder.dir, 'sub'));
    symlinkSync('..', join(folder.dir, 'sub/a'));
    symlinkSync('..', join(folder.dir, 'sub/b'));
    const { logger, lines } = recordingLogger();
    const app = await watched(folder, logger);

    expect(appNames(app)).toEqual(['storages.MyS3:ready']);
    const warnings = lines.filter((line) => line.level === 'warn').map((line) => line.message);
    expect(warnings).toEqual(
      expect.arrayContaining([expect.stringMatching(/^sub\/a: /), expect.stringMatching(/^sub\/b: /)]),
    );
    expect(app.warnings.map((w) => [w.code, w.file])).toEqual([
      ['INVALID_CONFIG', 'sub/a'],
      ['INVALID_CONFIG', 'sub/b'],
    ]);
    // Hot reload still follows the real folders.
    const edited = nextReload(app, (e) => e.fullName === 'storages.MyS3');
    folder.write('storages/MyS3/MyS3.json', seedConfig({ prefix: 'two' }));
    await edited;
    expect(prefixOf(app, 'storages.MyS3')).toBe('two');
  }, 30_000);

  it('two looping links added while watching are harmless and reported: the app keeps answering and reloading', async () => {
    const folder = folderOf(seed);
    const app = await watched(folder);
    const reported = [errorNaming(app, 'sub/a'), errorNaming(app, 'sub/b')];
    mkdirSync(join(folder.dir, 'sub'));
    symlinkSync('..', join(folder.dir, 'sub/a'));
    symlinkSync('..', join(folder.dir, 'sub/b'));

    // Elements added and edited after the loop appeared still load.
    const added = nextReload(app, (e) => e.fullName === 'storages.Second', 10_000);
    folder.write('storages/Second/e.json', seedDeclaration);
    folder.write('storages/Second/Second.json', seedConfig({ prefix: 'second' }));
    expect(await added).toMatchObject({ status: 'ready' });
    const edited = nextReload(app, (e) => e.fullName === 'storages.MyS3', 10_000);
    folder.write('storages/MyS3/MyS3.json', seedConfig({ prefix: 'two' }));
    await edited;
    expect(prefixOf(app, 'storages.MyS3')).toBe('two');
    expect(appNames(app)).toEqual(['storages.MyS3:ready', 'storages.Second:ready']);

    const [a, b] = await Promise.all(reported);
    expect(a?.error.message).toMatch(/^sub\/a: .*not followed/);
    expect(b?.fullName).toBeUndefined();
  }, 30_000);

  it('a link leading outside the app is skipped with a warning; edits behind it do not reach the app', async () => {
    const outside = folderOf({
      'Ext/e.json': seedDeclaration,
      'Ext/Ext.json': seedConfig({ prefix: 'outside' }),
    });
    const folder = folderOf(seed);
    symlinkSync(join(outside.dir, 'Ext'), join(folder.dir, 'storages/Ext'));
    const { logger, lines } = recordingLogger();
    const app = await watched(folder, logger);
    expect(appNames(app)).toEqual(['storages.MyS3:ready']);

    // An edit behind the link is not an edit of the app; one inside is.
    const seen: string[] = [];
    app.on('reload', (event) => seen.push(event.fullName));
    outside.write('Ext/Ext.json', seedConfig({ prefix: 'outside-2' }));
    const edited = nextReload(app, (e) => e.fullName === 'storages.MyS3');
    folder.write('storages/MyS3/MyS3.json', seedConfig({ prefix: 'two' }));
    await edited;
    expect(seen).not.toContain('storages.Ext');
    expect(appNames(app)).toEqual(['storages.MyS3:ready']);
    expect(lines.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
      expect.stringMatching(/^storages\/Ext: .*outside the app folder/),
    ]);
  }, 30_000);

  it('a second path to a folder of the app is skipped: the folder keeps its own name', async () => {
    const folder = folderOf(seed);
    symlinkSync('MyS3', join(folder.dir, 'storages/Alias'));
    symlinkSync('storages', join(folder.dir, 'again'));
    const { logger, lines } = recordingLogger();
    const app = await loadApp(folder.dir, { env, logger });
    opened.push({ app, folder: { ...folder, cleanup: () => undefined } });
    expect(appNames(app)).toEqual(['storages.MyS3:ready']);
    expect(lines.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
      expect.stringMatching(/^again: /),
      expect.stringMatching(/^storages\/Alias: /),
    ]);
  });

  it('a link to a folder of the app that the scan does not otherwise reach is followed, and hot-reloads', async () => {
    const folder = folderOf({
      ...seed,
      '.library/Lib/e.json': seedDeclaration,
      '.library/Lib/Lib.json': seedConfig({ prefix: 'lib' }),
    });
    symlinkSync('../.library/Lib', join(folder.dir, 'storages/Lib'));
    const app = await watched(folder);
    expect(appNames(app)).toEqual(['storages.Lib:ready', 'storages.MyS3:ready']);
    expect(prefixOf(app, 'storages.Lib')).toBe('lib');
    const edited = nextReload(app, (e) => e.fullName === 'storages.Lib');
    folder.write('.library/Lib/Lib.json', seedConfig({ prefix: 'lib-2' }));
    await edited;
    expect(prefixOf(app, 'storages.Lib')).toBe('lib-2');
  }, 30_000);
});
