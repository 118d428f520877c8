import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadApp, type LoadedApp } from '@mti/loader';
import type { AwsS3Type } from '@mti/type-aws-s3';
import { readJsonFile } from '../src/scan/readJsonFile';
import { nextReload } from './support/events';
import { seedConfig, seedDeclaration, tempApp, type TempApp } from './support/tempApp';

const env = { S3_ENDPOINT: 'http://127.0.0.1:9', S3_ACCESS_KEY_ID: 'k', S3_ACCESS_KEY_SECRET: 's' };
const seed = {
  'storages/MyS3/e.json': seedDeclaration,
  'storages/MyS3/MyS3.json': seedConfig({ prefix: 'one' }),
};
const infoOf = (app: LoadedApp, fullName: string) => app.listElements().find((e) => e.fullName === fullName);

/** `{"a":{"a":…1…}}`, `levels` objects deep. */
const nested = (levels: number): string => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

let folder: TempApp;
let app: LoadedApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
  folder.cleanup();
});

describe('config files the loader refuses', () => {
  it.each([
    ['a business config', 'storages/MyS3/MyS3.json'],
    ['an e.json', 'storages/MyS3/e.json'],
  ])('%s nested 100 000 levels deep: INVALID_CONFIG naming the file and the limit', async (_label, file) => {
    folder = tempApp({ ...seed, [file]: nested(100_000) });
    app = await loadApp(folder.dir, { env });
    const error = infoOf(app, 'storages.MyS3')?.error;
    expect(error).toMatchObject({ code: 'INVALID_CONFIG', element: 'storages.MyS3', file });
    expect(error?.message).toBe(`storages.MyS3: ${file}: nested deeper than 64 levels`);
  });

  it('a config 64 levels deep is still read', async () => {
    folder = tempApp({ ...seed, 'storages/MyS3/MyS3.json': { ...seedConfig(), deep: JSON.parse(nested(63)) } });
    app = await loadApp(folder.dir, { env });
    // Read, then refused by the Type's schema for its unknown field: not for its depth.
    expect(infoOf(app, 'storages.MyS3')?.error).toMatchObject({ field: 'deep' });
  });

  it.each([
    ['a business config', 'storages/MyS3/MyS3.json'],
    ['an e.json', 'storages/MyS3/e.json'],
  ])('%s over 1 MiB: INVALID_CONFIG naming the file and the limit', async (_label, file) => {
    folder = tempApp(seed);
    // Valid JSON, so only its size can be the reason.
    writeFileSync(join(folder.dir, file), `{"title":"x","pad":"${'x'.repeat(1024 * 1024)}"}`);
    app = await loadApp(folder.dir, { env });
    const error = infoOf(app, 'storages.MyS3')?.error;
    expect(error).toMatchObject({ code: 'INVALID_CONFIG', element: 'storages.MyS3', file });
    expect(error?.message).toMatch(new RegExp(`^storages\\.MyS3: ${file}: .*larger than 1 MiB`));
  });

  it('a folder where the business config should be: INVALID_CONFIG with the relative path, and the last good version keeps serving', async () => {
    folder = tempApp(seed);
    app = await loadApp(folder.dir, { env, watch: true });
    const s3 = app.getElement<AwsS3Type>('storages.MyS3');
    const broken = nextReload(app!, (e) => e.fullName === 'storages.MyS3');
    rmSync(join(folder.dir, 'storages/MyS3/MyS3.json'));
    mkdirSync(join(folder.dir, 'storages/MyS3/MyS3.json'));
    const event = await broken;
    expect(event).toMatchObject({ status: 'error' });
    expect(event.error).toMatchObject({ code: 'INVALID_CONFIG', file: 'storages/MyS3/MyS3.json' });
    expect(event.error?.message).not.toContain(folder.dir);
    expect(s3.config.prefix).toBe('one');
  }, 30_000);
});

describe('config files are read without holding the event loop', () => {
  it('readJsonFile gives the event loop turns while it reads, and reads a file of just under 1 MiB whole', async () => {
    folder = tempApp(seed);
    const big = { ...seedConfig(), padding: 'x'.repeat(1024 * 1024 - 400) };
    const file = join(folder.dir, 'storages/MyS3/MyS3.json');
    writeFileSync(file, JSON.stringify(big));
    let turns = 0;
    const tick = (): void => {
      turns++;
      if (!done) setImmediate(tick);
    };
    let done = false;
    setImmediate(tick);
    const value = await readJsonFile(file, 'storages/MyS3/MyS3.json', 'storages.MyS3');
    done = true;
    expect(value).toEqual(big);
    // A synchronous read would have resolved before the first immediate ran.
    expect(turns).toBeGreaterThan(0);
  });

  it('a config found empty, as an editor saving in place leaves it for a moment, is read again before it is called invalid', async () => {
    folder = tempApp(seed);
    const file = join(folder.dir, 'storages/MyS3/MyS3.json');
    // Truncated, the write still to come: what a reader between an in-place save's two steps sees.
    writeFileSync(file, '');
    const reading = readJsonFile(file, 'storages/MyS3/MyS3.json', 'storages.MyS3');
    await new Promise((resolve) => setTimeout(resolve, 10));
    writeFileSync(file, JSON.stringify(seedConfig({ prefix: 'saved' })));
    await expect(reading).resolves.toMatchObject({ prefix: 'saved' });
  });

  it('a config that stays empty is still INVALID_CONFIG, by line and column', async () => {
    folder = tempApp(seed);
    const file = join(folder.dir, 'storages/MyS3/MyS3.json');
    writeFileSync(file, '');
    await expect(readJsonFile(file, 'storages/MyS3/MyS3.json', 'storages.MyS3')).rejects.toMatchObject({
      code: 'INVALID_CONFIG',
      file: 'storages/MyS3/MyS3.json',
    });
  });
});
