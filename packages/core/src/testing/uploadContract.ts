import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { ErrorCode } from '../errors/ErrorCode';
import { StorageError } from '../errors/StorageError';
import type { UploadProgress, UploadResult } from '../storage/storageTypes';
import { assertSameBytes, assertStorageError } from './assertions';
import { patterned, unknownLengthStream } from './bytes';
import type { ContractContext } from './ContractContext';

/** The fields every UploadResult has, whatever the data was. */
function assertUploadResult(result: UploadResult, key: string, size: number, contentType: string): void {
  assert.equal(result.key, key, 'result.key is the name as the caller wrote it');
  assert.equal(result.size, size, 'result.size is the stored byte count');
  assert.equal(result.contentType, contentType, 'result.contentType');
  assert.ok(typeof result.url === 'string' && URL.canParse(result.url), `result.url is a URL: ${result.url}`);
  assert.ok(typeof result.bucket === 'string' && result.bucket !== '', 'result.bucket is named');
  assert.ok(typeof result.etag === 'string' && result.etag !== '', 'result.etag is set');
  assert.ok(typeof result.storageClass === 'string' && result.storageClass !== '', 'result.storageClass is set');
}

/** uploadByFile with each kind of data it accepts, and what it answers. */
export function uploadContract(ctx: ContractContext): void {
  ctx.describe('uploadByFile', () => {
    ctx.it('stores a Buffer and describes it in the result', async () => {
      const key = ctx.folder().key('buffer.bin');
      const bytes = patterned(1000, 11);
      const result = await ctx.storage.uploadByFile(key, bytes, 'application/x-test');
      assertUploadResult(result, key, bytes.length, 'application/x-test');
      assertSameBytes(await ctx.storage.download(key), bytes, 'downloaded');
    });

    ctx.it('stores a string as UTF-8', async () => {
      const key = ctx.folder().key('text.txt');
      const text = 'héllo wörld ✓ 名前 🚀\n';
      const result = await ctx.storage.uploadByFile(key, text, 'text/plain; charset=utf-8');
      assertUploadResult(result, key, Buffer.byteLength(text), 'text/plain; charset=utf-8');
      assert.equal((await ctx.storage.download(key)).toString('utf8'), text);
    });

    ctx.it('stores exactly the bytes a Uint8Array view covers', async () => {
      // A view into the middle of a larger buffer: a Type that sends `view.buffer` sends too much.
      const backing = patterned(4096, 12);
      const view = new Uint8Array(backing.buffer, backing.byteOffset + 100, 1000);
      const key = ctx.folder().key('view.bin');
      const result = await ctx.storage.uploadByFile(key, view, 'application/octet-stream');
      assertUploadResult(result, key, 1000, 'application/octet-stream');
      assertSameBytes(await ctx.storage.download(key), backing.subarray(100, 1100), 'downloaded');
    });

    ctx.it('stores a Readable of unknown length', async () => {
      const key = ctx.folder().key('stream.bin');
      const bytes = patterned(200_000, 13);
      const result = await ctx.storage.uploadByFile(key, unknownLengthStream(bytes, 7_000), 'application/x-stream');
      assertUploadResult(result, key, bytes.length, 'application/x-stream');
      assertSameBytes(await ctx.storage.download(key), bytes, 'downloaded');
    });

    ctx.it('stores a Readable of one-byte chunks', async () => {
      // Many tiny chunks: a Type must gather them, not send (or reject) each one on its own.
      const key = ctx.folder().key('trickle.bin');
      const bytes = patterned(3000, 14);
      await ctx.storage.uploadByFile(key, unknownLengthStream(bytes, 1));
      assertSameBytes(await ctx.storage.download(key), bytes, 'downloaded');
    });

    ctx.it('defaults contentType to application/octet-stream', async () => {
      const key = ctx.folder().key('untyped');
      const result = await ctx.storage.uploadByFile(key, 'x');
      assert.equal(result.contentType, 'application/octet-stream');
      assert.equal((await ctx.storage.getObject(key)).contentType, 'application/octet-stream');
    });

    ctx.it('keeps options.metadata, which getObject returns', async () => {
      const key = ctx.folder().key('with-metadata.txt');
      await ctx.storage.uploadByFile(key, 'm', 'text/plain', { metadata: { owner: 'team-a', 'batch-id': '42' } });
      const { metadata } = await ctx.storage.getObject(key);
      assert.equal(metadata.owner, 'team-a');
      assert.equal(metadata['batch-id'], '42');
    });

    ctx.it('reports progress that ends at the size', async () => {
      const key = ctx.folder().key('progress.bin');
      const bytes = patterned(50_000, 15);
      const seen: UploadProgress[] = [];
      await ctx.storage.uploadByFile(key, bytes, 'application/octet-stream', { onProgress: (p) => seen.push(p) });
      assert.ok(seen.length > 0, 'onProgress was called');
      assert.equal(seen.at(-1)?.loaded, bytes.length, 'the last progress is the whole object');
    });

    ctx.it('fails a stream that errors, and stores nothing', async () => {
      const key = ctx.folder().key('broken-stream.bin');
      const source = new Readable({
        read() {
          this.push(patterned(1024, 16));
          this.destroy(new Error('the source broke'));
        },
      });
      let failed: unknown;
      await ctx.storage.uploadByFile(key, source).catch((error: unknown) => (failed = error));
      // Any code will do (the fault is the caller's stream), but it is a StorageError like every failure.
      assert.ok(StorageError.is(failed), `the upload rejected with a StorageError, got ${String(failed)}`);
      await assertStorageError(() => ctx.storage.download(key), { code: ErrorCode.NOT_FOUND });
    });

    if (ctx.refuses.overwrite === undefined) {
      ctx.it('replaces an existing object, bytes and content type', async () => {
        const key = ctx.folder().key('replaced.txt');
        await ctx.storage.uploadByFile(key, 'first version, longer', 'text/plain');
        await ctx.storage.uploadByFile(key, 'second', 'text/csv');
        assert.equal((await ctx.storage.download(key)).toString(), 'second');
        const info = await ctx.storage.getObject(key);
        assert.equal(info.size, 6);
        assert.equal(info.contentType, 'text/csv');
      });
    }
  });
}
