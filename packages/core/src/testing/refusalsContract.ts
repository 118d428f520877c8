import assert from 'node:assert/strict';
import { StorageError } from '../errors/StorageError';
import { assertSameBytes, assertStorageError } from './assertions';
import type { ContractContext } from './ContractContext';
import { postForm } from './postForm';

/**
 * For a Type that refuses to overwrite or to delete (`refuses`): every route to that effect is
 * refused, not only the obvious method. An optional function inherited from a parent Type is
 * the usual hole — a write-once Type whose `move` still deletes the source.
 */
export function refusalsContract(ctx: ContractContext): void {
  const { overwrite, delete: deletion } = ctx.refuses;
  if (overwrite === undefined && deletion === undefined) return;

  ctx.describe('refusals', () => {
    if (overwrite !== undefined) {
      ctx.it(`uploadByFile onto an existing key is refused with ${overwrite}; the first bytes stay`, async () => {
        const key = ctx.folder().key('once.txt');
        await ctx.storage.uploadByFile(key, 'first');
        await assertStorageError(() => ctx.storage.uploadByFile(key, 'second'), {
          code: overwrite,
          operation: 'uploadByFile',
        });
        assertSameBytes(await ctx.storage.download(key), Buffer.from('first'), 'kept');
      });

      if (ctx.offers('copy')) {
        ctx.it(`copy onto an existing key is refused with ${overwrite}; the target stays`, async () => {
          const folder = ctx.folder();
          const [from, to] = [folder.key('from.txt'), folder.key('to.txt')];
          await ctx.storage.uploadByFile(from, 'new');
          await ctx.storage.uploadByFile(to, 'old');
          await assertStorageError(() => ctx.optional.copy(from, to), { code: overwrite, operation: 'copy' });
          assertSameBytes(await ctx.storage.download(to), Buffer.from('old'), 'target kept');
        });
      }

      if (ctx.offers('getSignUploadUrl')) {
        ctx.it(`a signed PUT never replaces an object (refused with ${overwrite} or by the server)`, async () => {
          const folder = ctx.folder();
          const key = folder.key('signed-once.txt');
          await ctx.storage.uploadByFile(key, 'first', 'text/plain');
          let signed;
          try {
            signed = await ctx.optional.getSignUploadUrl(key, 'text/plain');
          } catch (error) {
            assert.ok(StorageError.is(error) && error.code === overwrite, `signing refused with ${String(error)}`);
            return;
          }
          const response = await fetch(signed.url, { method: signed.method, headers: signed.headers, body: 'second' });
          await response.arrayBuffer();
          assert.ok(!response.ok, `the PUT replaced the object (${response.status})`);
          assertSameBytes(await ctx.storage.download(key), Buffer.from('first'), 'kept');
        });
      }

      if (ctx.offers('getSignUploadForm')) {
        ctx.it(
          `a signed upload form never replaces an object (refused with ${overwrite} or by the server)`,
          async () => {
            const key = ctx.folder().key('posted-once.txt');
            await ctx.storage.uploadByFile(key, 'first', 'text/plain');
            let form;
            try {
              form = await ctx.optional.getSignUploadForm(key, 'text/plain', { maxBytes: 100 });
            } catch (error) {
              assert.ok(StorageError.is(error) && error.code === overwrite, `signing refused with ${String(error)}`);
              return;
            }
            const response = await postForm(form, Buffer.from('second'));
            assert.ok(!response.ok, `the POST replaced the object (${response.status})`);
            assertSameBytes(await ctx.storage.download(key), Buffer.from('first'), 'kept');
          },
        );
      }
    }

    if (deletion !== undefined) {
      if (ctx.offers('move')) {
        ctx.it(`move, which deletes its source, is refused with ${deletion}; the source stays`, async () => {
          const folder = ctx.folder();
          const [from, to] = [folder.key('from.txt'), folder.key('to.txt')];
          await ctx.storage.uploadByFile(from, 'kept');
          await assertStorageError(() => ctx.optional.move(from, to), { code: deletion, operation: 'move' });
          assertSameBytes(await ctx.storage.download(from), Buffer.from('kept'), 'source kept');
        });
      }

      if (ctx.offers('deleteMany')) {
        ctx.it(`deleteMany is refused with ${deletion}, as a whole or per key; nothing goes`, async () => {
          const key = ctx.folder().key('kept.txt');
          await ctx.storage.uploadByFile(key, 'kept');
          let results;
          try {
            results = await ctx.optional.deleteMany([key]);
          } catch (error) {
            assert.ok(StorageError.is(error) && error.code === deletion, `refused with ${String(error)}`);
          }
          if (results !== undefined) {
            assert.deepEqual(
              results.map((r) => [r.key, r.deleted, r.deleted ? undefined : r.error.code]),
              [[key, false, deletion]],
            );
          }
          assertSameBytes(await ctx.storage.download(key), Buffer.from('kept'), 'kept');
        });
      }
    }
  });
}
