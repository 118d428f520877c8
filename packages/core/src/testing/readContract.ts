import assert from 'node:assert/strict';
import { ErrorCode } from '../errors/ErrorCode';
import { assertSameBytes, assertStorageError } from './assertions';
import { patterned } from './bytes';
import type { ContractContext } from './ContractContext';

/** download and getObject: the bytes, the description, and NOT_FOUND for what is not there. */
export function readContract(ctx: ContractContext): void {
  ctx.describe('download', () => {
    ctx.it('returns the stored bytes as a Buffer', async () => {
      const key = ctx.folder().key('read.bin');
      const bytes = patterned(5000, 21);
      await ctx.storage.uploadByFile(key, bytes);
      const got = await ctx.storage.download(key);
      assert.ok(Buffer.isBuffer(got), 'a Buffer');
      assertSameBytes(got, bytes, 'downloaded');
    });

    ctx.it('rejects a missing key with NOT_FOUND, naming the key as the caller wrote it', async () => {
      const key = ctx.folder().key('missing.bin');
      const error = await assertStorageError(() => ctx.storage.download(key), {
        code: ErrorCode.NOT_FOUND,
        operation: 'download',
      });
      assert.equal(error.key, key, 'error.key');
    });
  });

  ctx.describe('getObject', () => {
    ctx.it('describes the object: key, size, type, etag, date, metadata, class', async () => {
      const key = ctx.folder().key('described.json');
      const before = Date.now();
      const uploaded = await ctx.storage.uploadByFile(key, '{"a":1}', 'application/json', { metadata: { k: 'v' } });
      const info = await ctx.storage.getObject(key);
      assert.equal(info.key, key, 'info.key is the name as the caller wrote it');
      assert.equal(info.size, 7);
      assert.equal(info.contentType, 'application/json');
      assert.equal(info.etag, uploaded.etag, 'the etag the upload reported');
      assert.ok(
        info.lastModified instanceof Date && !Number.isNaN(info.lastModified.getTime()),
        'lastModified is a Date',
      );
      // Only a sanity bound, never a timing assertion: servers round and clocks differ.
      assert.ok(info.lastModified.getTime() > before - 24 * 3600_000, 'lastModified is not a placeholder');
      assert.equal(info.metadata.k, 'v');
      assert.ok(typeof info.storageClass === 'string' && info.storageClass !== '', 'storageClass is set');
    });

    ctx.it('rejects a missing key with NOT_FOUND', async () => {
      const key = ctx.folder().key('missing.json');
      const error = await assertStorageError(() => ctx.storage.getObject(key), {
        code: ErrorCode.NOT_FOUND,
        operation: 'getObject',
      });
      assert.equal(error.key, key, 'error.key');
    });
  });
}
