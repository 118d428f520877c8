import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { ErrorCode } from '../errors/ErrorCode';
import type { UploadOptions, WriteConditions } from '../storage/storageTypes';
import { assertSameBytes, assertStorageError } from './assertions';
import { patterned, unknownLengthStream } from './bytes';
import type { ContractContext } from './ContractContext';

/** Malformed conditions, and the option each must be refused on. */
const malformed: ReadonlyArray<readonly [conditions: Record<string, unknown>, field: string]> = [
  [{ ifNoneMatch: 'abc' }, 'ifNoneMatch'],
  [{ ifMatch: '' }, 'ifMatch'],
  [{ ifMatch: '*' }, 'ifMatch'],
  [{ ifMatch: 'W/"abc"' }, 'ifMatch'],
  [{ ifMatch: '"a b"' }, 'ifMatch'],
  [{ ifNoneMatch: '*', ifMatch: '"abc"' }, 'ifMatch'],
];

/** The ETag without its quotes: a Type must take either form back. */
const bare = (etag: string): string => etag.replace(/^"(.*)"$/, '$1');

/**
 * Conditional writes, when the Type takes them (`conditionalWrites`): create only
 * (`ifNoneMatch: '*'`) and replace only one version (`ifMatch`), on `uploadByFile` for small and
 * large bodies, bytes and streams, and on `copy`; a condition that does not hold is CONFLICT
 * naming the key and leaves the stored object as it was. What the server was declared not to
 * check (`unenforced`) is tested as a gap: the write that should fail goes through.
 */
export function conditionalWritesContract(ctx: ContractContext): void {
  if (!ctx.conditionalWrites) {
    ctx.describe('conditional writes', () =>
      ctx.todo('conditional writes: the suite was not told the Type takes them (`conditionalWrites`)'),
    );
    return;
  }
  const { preconditions, multipartPreconditions } = ctx.unenforced;
  // The key named is the one whose condition failed: a copy's target.
  const refusedAsConflict = async (work: () => Promise<unknown>, key: string, operation: string) => {
    const error = await assertStorageError(work, { code: ErrorCode.CONFLICT, operation });
    assert.equal(error.key, key, 'the CONFLICT names the key whose condition failed');
  };

  ctx.describe('conditional writes', () => {
    ctx.it(
      'uploadByFile refuses malformed conditions with INVALID_ARGUMENT on the option; nothing is stored',
      async () => {
        const key = ctx.folder().key('malformed.txt');
        for (const [conditions, field] of malformed) {
          await assertStorageError(
            () => ctx.storage.uploadByFile(key, 'x', 'text/plain', conditions as UploadOptions),
            { code: ErrorCode.INVALID_ARGUMENT, field: `options.${field}`, operation: 'uploadByFile' },
          );
        }
        await assertStorageError(() => ctx.storage.getObject(key), { code: ErrorCode.NOT_FOUND });
      },
    );

    if (preconditions === undefined) {
      ctx.it(
        'create only (ifNoneMatch "*") stores a new key and refuses an existing one with CONFLICT; the first bytes stay',
        async () => {
          const key = ctx.folder().key('create-only.txt');
          const created = await ctx.storage.uploadByFile(key, 'first', 'text/plain', { ifNoneMatch: '*' });
          assert.equal(created.key, key);
          await refusedAsConflict(
            () => ctx.storage.uploadByFile(key, 'second', 'text/plain', { ifNoneMatch: '*' }),
            key,
            'uploadByFile',
          );
          assertSameBytes(await ctx.storage.download(key), Buffer.from('first'), 'kept');
        },
      );

      ctx.it(
        'replace only (ifMatch) takes the ETag quoted or bare, and refuses a stale one with CONFLICT; the bytes stay',
        async () => {
          const key = ctx.folder().key('replace-only.txt');
          const first = await ctx.storage.uploadByFile(key, 'one', 'text/plain');
          const second = await ctx.storage.uploadByFile(key, 'two', 'text/plain', { ifMatch: first.etag });
          assertSameBytes(await ctx.storage.download(key), Buffer.from('two'), 'replaced (quoted ETag)');
          await refusedAsConflict(
            () => ctx.storage.uploadByFile(key, 'stale', 'text/plain', { ifMatch: first.etag }),
            key,
            'uploadByFile',
          );
          assertSameBytes(await ctx.storage.download(key), Buffer.from('two'), 'kept after a stale ETag');
          await ctx.storage.uploadByFile(key, 'three', 'text/plain', { ifMatch: bare(second.etag) });
          assertSameBytes(await ctx.storage.download(key), Buffer.from('three'), 'replaced (bare ETag)');
        },
      );

      ctx.it('replace only (ifMatch) onto a key that holds nothing is CONFLICT and stores nothing', async () => {
        const key = ctx.folder().key('nothing-to-replace.txt');
        await refusedAsConflict(
          () => ctx.storage.uploadByFile(key, 'x', 'text/plain', { ifMatch: '"0123456789abcdef0123456789abcdef"' }),
          key,
          'uploadByFile',
        );
        await assertStorageError(() => ctx.storage.getObject(key), { code: ErrorCode.NOT_FOUND });
      });
    } else {
      ctx.it(
        `the server does not check conditions on a one-request write (declared: ${preconditions}): a create-only upload replaced an object`,
        async () => {
          const key = ctx.folder().key('unchecked.txt');
          await ctx.storage.uploadByFile(key, 'first', 'text/plain');
          await ctx.storage.uploadByFile(key, 'second', 'text/plain', { ifNoneMatch: '*' });
          assertSameBytes(
            await ctx.storage.download(key),
            Buffer.from('second'),
            'the server now checks preconditions: remove `unenforced.preconditions`',
          );
        },
      );
    }

    ctx.it(
      `create only and replace only hold for ${ctx.largeSize} bytes (in parts where the Type uses them), as bytes and as a stream`,
      async () => {
        const key = ctx.folder().key('large.bin');
        const first = patterned(ctx.largeSize, 91);
        const created = await ctx.storage.uploadByFile(key, first, 'application/octet-stream', { ifNoneMatch: '*' });
        const refusals: Array<readonly [what: string, write: () => Promise<unknown>]> = [
          [
            'bytes, create only',
            () => ctx.storage.uploadByFile(key, patterned(ctx.largeSize, 92), undefined, { ifNoneMatch: '*' }),
          ],
          [
            'a stream, create only',
            () =>
              ctx.storage.uploadByFile(key, unknownLengthStream(patterned(ctx.largeSize, 93)), undefined, {
                ifNoneMatch: '*',
              }),
          ],
          [
            'bytes, a stale ETag',
            () =>
              ctx.storage.uploadByFile(key, patterned(ctx.largeSize, 94), undefined, {
                ifMatch: '"0123456789abcdef0123456789abcdef"',
              }),
          ],
        ];
        for (const [what, write] of refusals) {
          await refusedAsConflict(write, key, 'uploadByFile').catch((error: unknown) => {
            throw new Error(`${what}: ${(error as Error).message}`);
          });
        }
        assertSameBytes(await ctx.storage.download(key), first, 'kept');
        const next = patterned(ctx.largeSize, 95);
        await ctx.storage.uploadByFile(key, unknownLengthStream(next), undefined, { ifMatch: created.etag });
        assertSameBytes(await ctx.storage.download(key), next, 'replaced by a stream naming the right ETag');
      },
    );

    const raced = multipartPreconditions === undefined;
    ctx.it(
      raced
        ? 'a create-only stream fails with CONFLICT when another write lands while it streams; the other write stays'
        : `the server does not check the completing request's conditions (declared: ${multipartPreconditions}): a create-only stream replaced an object written while it streamed`,
      async () => {
        const key = ctx.folder().key('raced.bin');
        const ours = patterned(ctx.largeSize, 96);
        const tail = 1024;
        const stream = new PassThrough();
        let landed: Promise<unknown> | undefined;
        // Once the Type reports progress, it has checked the condition and is sending: the other
        // write lands then, and only then does the stream end.
        const onProgress = (): void => {
          landed ??= ctx.storage.uploadByFile(key, 'the other write', 'text/plain').then(() => {
            stream.end(ours.subarray(ours.length - tail));
          });
        };
        const upload = ctx.storage.uploadByFile(key, stream, 'application/octet-stream', {
          ifNoneMatch: '*',
          onProgress,
        });
        stream.write(ours.subarray(0, ours.length - tail));
        const outcome = await upload.then(
          () => undefined,
          (error: unknown) => error,
        );
        await landed;
        if (raced) {
          await assertStorageError(() => Promise.reject(outcome ?? new Error('the upload replaced the other write')), {
            code: ErrorCode.CONFLICT,
            operation: 'uploadByFile',
          });
          assertSameBytes(await ctx.storage.download(key), Buffer.from('the other write'), 'the other write stays');
        } else {
          assert.equal(outcome, undefined, `the upload failed: ${String(outcome)}`);
          assertSameBytes(
            await ctx.storage.download(key),
            ours,
            'the server now checks the completing request: remove `unenforced.multipartPreconditions`',
          );
        }
      },
    );

    if (ctx.offers('copy')) {
      ctx.it('copy refuses malformed conditions with INVALID_ARGUMENT on the option', async () => {
        const folder = ctx.folder();
        const [from, to] = [folder.key('from.txt'), folder.key('to.txt')];
        await ctx.storage.uploadByFile(from, 'source', 'text/plain');
        for (const [conditions, field] of malformed) {
          await assertStorageError(() => ctx.optional.copy(from, to, conditions as WriteConditions), {
            code: ErrorCode.INVALID_ARGUMENT,
            field: `options.${field}`,
            operation: 'copy',
          });
        }
        await assertStorageError(() => ctx.storage.getObject(to), { code: ErrorCode.NOT_FOUND });
      });

      ctx.it(
        'copy with ifNoneMatch "*" copies onto a new key and refuses an existing one with CONFLICT; the target stays',
        async () => {
          const folder = ctx.folder();
          const [from, to] = [folder.key('from.txt'), folder.key('to.txt')];
          await ctx.storage.uploadByFile(from, 'source', 'text/plain');
          await ctx.optional.copy(from, to, { ifNoneMatch: '*' });
          assertSameBytes(await ctx.storage.download(to), Buffer.from('source'), 'copied');
          await ctx.storage.uploadByFile(from, 'changed', 'text/plain');
          await refusedAsConflict(() => ctx.optional.copy(from, to, { ifNoneMatch: '*' }), to, 'copy');
          assertSameBytes(await ctx.storage.download(to), Buffer.from('source'), 'target kept');
        },
      );

      ctx.it('copy with ifMatch replaces only the version named; a stale or missing one is CONFLICT', async () => {
        const folder = ctx.folder();
        const [from, to, none] = [folder.key('from.txt'), folder.key('to.txt'), folder.key('none.txt')];
        await ctx.storage.uploadByFile(from, 'source', 'text/plain');
        const target = await ctx.storage.uploadByFile(to, 'target', 'text/plain');
        await refusedAsConflict(
          () => ctx.optional.copy(from, to, { ifMatch: '"0123456789abcdef0123456789abcdef"' }),
          to,
          'copy',
        );
        assertSameBytes(await ctx.storage.download(to), Buffer.from('target'), 'kept after a stale ETag');
        await refusedAsConflict(() => ctx.optional.copy(from, none, { ifMatch: target.etag }), none, 'copy');
        await assertStorageError(() => ctx.storage.getObject(none), { code: ErrorCode.NOT_FOUND });
        await ctx.optional.copy(from, to, { ifMatch: target.etag });
        assertSameBytes(await ctx.storage.download(to), Buffer.from('source'), 'replaced');
      });
    }
  });
}
