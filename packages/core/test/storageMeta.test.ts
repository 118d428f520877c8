import { createApp, keyProblem, StorageError, StorageMeta, storagesMeta } from '@mti/core';
import { MemoryStorageType, memoryRegistration } from './fixtures/MemoryStorageType';
import { goodConfig, memoryInstance } from './fixtures/records';

const app = createApp({
  registrations: [storagesMeta, memoryRegistration],
  env: {},
  elements: [memoryInstance('storages/MyS3', goodConfig)],
});
const s3 = app.getElement<MemoryStorageType>('storages.MyS3');
afterAll(() => app.close());

describe('storages.Meta key checks', () => {
  it.each([
    ['', 'name must not be empty'],
    ['é'.repeat(512) + 'x', 'name is 1025 bytes in UTF-8; the limit is 1024'],
    ['a'.repeat(1025), 'name is 1025 bytes in UTF-8; the limit is 1024'],
    ['bad\nkey', 'name must not contain control characters'],
    ['bad\u0000key', 'name must not contain control characters'],
    ['tab\tkey', 'name must not contain control characters'],
    ['del\u007fkey', 'name must not contain control characters'],
    ['/leading', 'name must not start with "/"'],
    ['a/../b', 'name must not contain "." or ".." path segments'],
    ['..', 'name must not contain "." or ".." path segments'],
    ['a/./b', 'name must not contain "." or ".." path segments'],
    ['trailing/.', 'name must not contain "." or ".." path segments'],
    ['.', 'name must not contain "." or ".." path segments'],
    ['./leading', 'name must not contain "." or ".." path segments'],
    ['a/../', 'name must not contain "." or ".." path segments'],
    ['a//b', 'name must not contain empty path segments ("//")'],
    ['a/b//', 'name must not contain empty path segments ("//")'],
    ['a\ud800b', 'name must be well-formed Unicode: it holds a lone surrogate (U+D800), which has no UTF-8 form'],
    ['\udfff', 'name must be well-formed Unicode: it holds a lone surrogate (U+DFFF), which has no UTF-8 form'],
    ['😀\ud83d', 'name must be well-formed Unicode: it holds a lone surrogate (U+D83D), which has no UTF-8 form'],
  ])('refuses %j before any request', async (key, detail) => {
    const error = (await s3.download(key).catch((e: unknown) => e)) as StorageError;
    expect(StorageError.is(error)).toBe(true);
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.field).toBe('name');
    expect(error.detail).toBe(detail);
    expect(error.message).toBe(
      `storages.MyS3 (storages.MemoryType): download ${JSON.stringify(key)} failed: INVALID_ARGUMENT: ${detail}`,
    );
  });

  it.each([
    [undefined, 'name must be a string, got undefined'],
    [null, 'name must be a string, got null'],
    [42, 'name must be a string, got number'],
    [{ key: 'a' }, 'name must be a string, got object'],
  ])('refuses the non-string %j', async (key, detail) => {
    const error = (await s3.download(key as unknown as string).catch((e: unknown) => e)) as StorageError;
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', detail, key: undefined });
    expect(error.message).toBe(`storages.MyS3 (storages.MemoryType): download failed: INVALID_ARGUMENT: ${detail}`);
  });

  it('names the seed parameter: file for getSignUrl', async () => {
    await expect(s3.getSignUrl('', 'text/plain')).rejects.toMatchObject({
      field: 'file',
      detail: 'file must not be empty',
    });
  });

  it.each([
    'a',
    'folder/example.txt',
    'a b/ü/日本.txt',
    'x/'.repeat(100) + 'y',
    'é'.repeat(512),
    '.hidden/..dots/a.',
    'folder/',
    '😀/𝄞',
  ])('accepts %j', (key) => {
    expect(keyProblem(key)).toBeUndefined();
  });
});

describe('storages.Meta error wrapping', () => {
  it('turns a driver failure into a coded StorageError with the original as cause', async () => {
    const error = (await s3.download('missing.txt').catch((e: unknown) => e)) as StorageError;
    expect(error.message).toBe(
      'storages.MyS3 (storages.MemoryType): download "missing.txt" failed: NOT_FOUND: no such object in bucket "reports"',
    );
    expect(error.cause).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      code: 'NOT_FOUND',
      storageType: 'storages.MemoryType',
      element: 'storages.MyS3',
      operation: 'download',
      key: 'missing.txt',
    });
  });

  it('states the seed contract', () => {
    expect(StorageMeta.contract).toEqual(['uploadByFile', 'download', 'getObject', 'delete', 'getSignUrl']);
  });
});
