import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createApp, ErrorCode, StorageError, storagesMeta } from '@mti/core';
import { type DiskType, registrations } from '@mti/type-disk';
import { type DiskApp, diskRecord, startDiskApp } from './support/diskApp';

// What the contract kit cannot see of the disk's conditional writes: create only is atomic even
// between two Instances on one rootDir (two processes' worth of separate locks), every refused
// write leaves no temporary file, and a refused write stops before copying its data.

let disk: DiskApp;

beforeAll(async () => {
  disk = await startDiskApp();
});
afterAll(() => disk.close());

/** Every file and folder under rootDir whose name marks it as a temporary file. */
async function temporaries(): Promise<string[]> {
  const entries = await readdir(disk.rootDir, { recursive: true });
  return entries.filter((entry) => entry.split('/').some((segment) => segment.startsWith('.mti-tmp-')));
}

const outcome = (work: Promise<unknown>) =>
  work.then(
    () => 'stored',
    (error: unknown) => (StorageError.is(error) ? error.code : String(error)),
  );

describe('create only on the disk', () => {
  it('of 24 writers racing for one key over two Instances on one rootDir, exactly one stores; nothing is left behind', async () => {
    const other = createApp({
      name: 'second-process',
      registrations: [storagesMeta, ...registrations],
      elements: [diskRecord({ rootDir: disk.rootDir }, 'storages/Other')],
    });
    try {
      const second = other.getElement<DiskType>('storages.Other');
      const writers = Array.from({ length: 24 }, (_, i) =>
        (i % 2 === 0 ? disk.storage : second).uploadByFile('race/lock.json', `{"writer":${i}}`, 'application/json', {
          ifNoneMatch: '*',
        }),
      );
      const outcomes = await Promise.all(writers.map(outcome));
      expect(outcomes.filter((o) => o === 'stored')).toHaveLength(1);
      expect(outcomes.filter((o) => o === ErrorCode.CONFLICT)).toHaveLength(23);
      const winner = outcomes.indexOf('stored');
      expect((await disk.storage.download('race/lock.json')).toString()).toBe(`{"writer":${winner}}`);
      expect((await disk.storage.getObject('race/lock.json')).contentType).toBe('application/json');
      expect(await temporaries()).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('is CONFLICT when a folder of other objects has the name, as every write there is', async () => {
    await disk.storage.uploadByFile('tree/leaf.txt', 'leaf');
    await expect(disk.storage.uploadByFile('tree', 'x', 'text/plain', { ifNoneMatch: '*' })).rejects.toMatchObject({
      code: ErrorCode.CONFLICT,
      key: 'tree',
    });
    expect(await temporaries()).toEqual([]);
  });
});

describe('refused writes', () => {
  it('stop before reading their data when the condition already fails', async () => {
    await disk.storage.uploadByFile('early/taken.bin', 'taken');
    const stream = new PassThrough();
    stream.write(Buffer.alloc(64 * 1024, 1));
    await expect(
      disk.storage.uploadByFile('early/taken.bin', stream, undefined, { ifNoneMatch: '*' }),
    ).rejects.toMatchObject({ code: ErrorCode.CONFLICT });
    // Nothing consumed the stream: its first chunk is still waiting to be read.
    expect(stream.readableLength).toBe(64 * 1024);
    stream.destroy();
  });

  it('leave no temporary file when the condition fails only once the data is written', async () => {
    const first = await disk.storage.uploadByFile('late/state.json', '{"v":1}');
    const stream = new PassThrough();
    let other: Promise<void> | undefined;
    const upload = disk.storage.uploadByFile('late/state.json', stream, 'application/json', {
      ifMatch: first.etag,
      onProgress: () => {
        // Written meanwhile by someone else: the ETag named is stale by the time ours lands.
        other ??= disk.storage.uploadByFile('late/state.json', '{"v":"other"}').then(() => {
          stream.end();
        });
      },
    });
    stream.write(Buffer.alloc(300 * 1024, 2));
    await expect(upload).rejects.toMatchObject({ code: ErrorCode.CONFLICT, key: 'late/state.json' });
    await other;
    expect((await disk.storage.download('late/state.json')).toString()).toBe('{"v":"other"}');
    expect(await temporaries()).toEqual([]);
    expect(await readdir(join(disk.rootDir, 'late'))).toEqual(['state.json']);
  });
});
