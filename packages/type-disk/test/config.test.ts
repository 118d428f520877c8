import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, storagesMeta } from '@mti/core';
import { loadApp } from '@mti/loader';
import { diskConfigJsonSchema, type DiskType, registrations } from '@mti/type-disk';
import { diskRecord } from './support/diskApp';

describe('config', () => {
  it('ships the JSON Schema the zod schema gives (pnpm schemas rewrites it)', () => {
    const shipped = JSON.parse(readFileSync(join(__dirname, '../schema/config.schema.json'), 'utf8'));
    expect(shipped).toEqual(JSON.parse(JSON.stringify(diskConfigJsonSchema())));
  });

  it.each([
    ['a relative rootDir', { rootDir: 'data' }, 'rootDir', /absolute path/],
    ['a short signingSecret', { rootDir: '/tmp/x', signingSecret: 'short' }, 'signingSecret', /32 characters/],
    ['a prefix reaching the sidecar tree', { rootDir: '/tmp/x', prefix: '.mti-meta' }, 'prefix', /\.mti-/],
    ['an empty prefix', { rootDir: '/tmp/x', prefix: '//' }, 'prefix', /at least one segment/],
    ['a signedBaseUrl that is not http', { rootDir: '/tmp/x', signedBaseUrl: 'ftp://x' }, 'signedBaseUrl', /./],
  ])('refuses %s', (_label, config, field, message) => {
    const app = createApp({ registrations: [storagesMeta, ...registrations], elements: [diskRecord(config)] });
    const info = app.listElements().find((element) => element.fullName === 'storages.MyDisk');
    expect(info?.status).toBe('error');
    expect(info?.error?.code).toBe('INVALID_CONFIG');
    expect(info?.error?.message).toContain(field);
    expect(info?.error?.message).toMatch(message);
  });

  it('keeps signingSecret out of JSON and errors', async () => {
    const secret = 'a-secret-that-must-never-be-shown-0123';
    const app = createApp({
      registrations: [storagesMeta, ...registrations],
      elements: [diskRecord({ rootDir: '/nonexistent/x', signingSecret: secret })],
    });
    const storage = app.getElement<DiskType>('storages.MyDisk');
    expect(JSON.stringify(app.listElements())).not.toContain(secret);
    const error = await storage.download('a.txt').catch((e: unknown) => e);
    expect(JSON.stringify(error)).not.toContain(secret);
    await app.close();
  });
});

describe('official Type', () => {
  it('loadApp offers storages.DiskType to every app, with its config from the folder', async () => {
    const appDir = await mkdtemp(join(tmpdir(), 'mti-disk-app-'));
    try {
      await mkdir(join(appDir, 'storages/Files'), { recursive: true });
      await writeFile(
        join(appDir, 'storages/Files/e.json'),
        JSON.stringify({ title: 'Files', type: 'storages.DiskType' }),
      );
      await writeFile(join(appDir, 'storages/Files/Files.json'), JSON.stringify({ rootDir: '${FILES_DIR}' }));
      const app = await loadApp(appDir, { env: { FILES_DIR: join(appDir, 'data') } });
      try {
        const builtIn = app.listElements().find((element) => element.fullName === 'storages.DiskType');
        expect(builtIn).toMatchObject({ kind: 'type', origin: 'builtin', status: 'ready' });
        const files = app.getElement<DiskType>('storages.Files');
        await files.uploadByFile('hello.txt', 'from an app folder', 'text/plain');
        expect(readFileSync(join(appDir, 'data/hello.txt'), 'utf8')).toBe('from an app folder');
      } finally {
        await app.close();
      }
    } finally {
      await rm(appDir, { recursive: true, force: true });
    }
  });
});
