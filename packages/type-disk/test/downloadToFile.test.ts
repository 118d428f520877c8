import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DownloadProgress, StorageError } from '@mti/core';
import { type DiskApp, startDiskApp } from './support/diskApp';

// storages.DiskType's downloadToFile: a checked copy, renamed into place, with the result and the
// refusals of storages.AwsS3Type's (packages/type-aws-s3/test/downloadToFile.test.ts).

async function failure(work: Promise<unknown>): Promise<StorageError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!StorageError.is(error)) throw new Error(`expected a StorageError, got ${String(error)}`);
  return error;
}

let disk: DiskApp;
let out: string;
let folders = 0;

beforeAll(async () => {
  disk = await startDiskApp();
  out = await mkdtemp(join(tmpdir(), 'mti-disk-download-'));
});

afterAll(async () => {
  await disk.close();
  await rm(out, { recursive: true, force: true });
});

async function folder(): Promise<string> {
  const path = join(out, `t${++folders}`);
  await mkdir(path);
  return path;
}

describe('storages.DiskType downloadToFile', () => {
  it('copies the object whole, with its size and ETag, and nothing beside it', async () => {
    const dir = await folder();
    for (const [key, data] of [
      ['copy/big.bin', randomBytes(3 * 1024 * 1024 + 5)],
      ['copy/empty.bin', Buffer.alloc(0)],
    ] as const) {
      const { etag } = await disk.storage.uploadByFile(key, data);
      const path = join(dir, key.split('/').at(-1) as string);
      const progress: DownloadProgress[] = [];
      const result = await disk.storage.downloadToFile(key, path, {
        concurrency: 8,
        resume: true,
        onProgress: (p) => progress.push(p),
      });
      expect(result).toEqual({ path, size: data.length, etag });
      expect((await readFile(path)).equals(data)).toBe(true);
      expect(progress.at(-1)).toEqual({ loaded: data.length, total: data.length });
    }
    expect((await readdir(dir)).sort()).toEqual(['big.bin', 'empty.bin']);
  });

  it('bytes that do not match their recorded MD5: UNAVAILABLE, nothing at path', async () => {
    const dir = await folder();
    const data = randomBytes(100_000);
    await disk.storage.uploadByFile('rot/file.bin', data);
    // As bit rot would leave it: the bytes and their recorded MD5 disagree, the sidecar still
    // naming the file (inode, size, mtime). Changing the record keeps the file's times exact.
    const sidecarPath = join(disk.rootDir, '.mti-meta/rot/file.bin');
    const sidecar = JSON.parse(await readFile(sidecarPath, 'utf8')) as { md5: string };
    await writeFile(sidecarPath, JSON.stringify({ ...sidecar, md5: '0'.repeat(32) }));
    const error = await failure(disk.storage.downloadToFile('rot/file.bin', join(dir, 'file.bin')));
    expect(error).toMatchObject({ code: 'UNAVAILABLE', operation: 'downloadToFile', key: 'rot/file.bin' });
    expect(error.detail).toMatch(/do not match their recorded MD5/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses what storages.AwsS3Type refuses, naming the field; a missing key is NOT_FOUND', async () => {
    const dir = await folder();
    await disk.storage.uploadByFile('args.bin', 'x');
    const path = join(dir, 'args.bin');
    const refused: Array<[string, Promise<unknown>]> = [
      ['options.concurrency', disk.storage.downloadToFile('args.bin', path, { concurrency: 65 })],
      ['options.partSizeMiB', disk.storage.downloadToFile('args.bin', path, { partSizeMiB: 0 })],
      ['options.resume', disk.storage.downloadToFile('args.bin', path, { resume: 1 as unknown as boolean })],
      ['path', disk.storage.downloadToFile('args.bin', '')],
      ['path', disk.storage.downloadToFile('args.bin', join(dir, 'missing', 'args.bin'))],
      ['path', disk.storage.downloadToFile('args.bin', dir)],
    ];
    for (const [field, call] of refused) {
      const error = await failure(call);
      expect({ code: error.code, field: error.field }).toEqual({ code: 'INVALID_ARGUMENT', field });
    }
    expect((await failure(disk.storage.downloadToFile('nope.bin', path))).code).toBe('NOT_FOUND');
    expect(await readdir(dir)).toEqual([]);
  });
});
