import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadApp, type LoadedApp } from '@mti/loader';
import type { AwsS3Type } from '@mti/type-aws-s3';
import { nextReload } from './support/events';
import { seedConfig, seedDeclaration, tempApp } from './support/tempApp';
import { until } from './support/until';

const env = { S3_ENDPOINT: 'http://127.0.0.1:9', S3_ACCESS_KEY_ID: 'k', S3_ACCESS_KEY_SECRET: 's' };
const appNames = (app: LoadedApp): string =>
  app
    .listElements()
    .filter((e) => e.origin === 'app')
    .map((e) => `${e.fullName}:${e.status}`)
    .sort()
    .join();

it('the app folder removed, then created again with the same content: hot reload goes on, ending on the files on disk', async () => {
  const folder = tempApp({
    'storages/MyS3/e.json': seedDeclaration,
    'storages/MyS3/MyS3.json': seedConfig({ prefix: 'one' }),
  });
  const copy = mkdtempSync(join(tmpdir(), 'mti-copy-'));
  cpSync(folder.dir, copy, { recursive: true });
  const app = await loadApp(folder.dir, { env, watch: true });
  try {
    const removed = nextReload(app, (e) => e.fullName === 'storages.MyS3' && e.status === 'removed');
    rmSync(folder.dir, { recursive: true });
    await removed;
    expect(appNames(app)).toBe('');

    // Made again, as `cp -r` would: often with the inode the removed folder had.
    cpSync(copy, folder.dir, { recursive: true });
    await until(app, () => appNames(app) === 'storages.MyS3:ready');
    const edited = nextReload(app, (e) => e.fullName === 'storages.MyS3');
    folder.write('storages/MyS3/MyS3.json', seedConfig({ prefix: 'two' }));
    expect(await edited).toMatchObject({ status: 'ready' });
    expect(app.getElement<AwsS3Type>('storages.MyS3').config.prefix).toBe('two');
  } finally {
    await app.close();
    folder.cleanup();
    rmSync(copy, { recursive: true, force: true });
  }
}, 30_000);
