import assert from 'node:assert/strict';
import { ErrorCode } from '../errors/ErrorCode';
import type { ByteRange } from '../storage/storageTypes';
import { assertSameBytes, assertStorageError } from './assertions';
import { patterned, readAll } from './bytes';
import type { ContractContext } from './ContractContext';

const SIZE = 1000;

/**
 * Byte ranges, when the Type reads them (`ranges`): `download(name, { range })` and
 * `downloadStream(name, range)` give bytes `start` to `end`, `end` included as in HTTP; without
 * `end` to the last byte, and an `end` past it stops there; a `start` past the last byte (any
 * start, on an empty object) is INVALID_ARGUMENT on field `range`, as is a malformed range.
 */
export function rangesContract(ctx: ContractContext): void {
  if (!ctx.ranges) {
    ctx.describe('ranges', () => ctx.todo('ranges: the suite was not told the Type reads them (`ranges`)'));
    return;
  }
  const readers: Array<readonly [operation: string, read: (key: string, range: ByteRange) => Promise<Buffer>]> = [
    ['download', (key, range) => ctx.optional.download(key, { range })],
  ];
  if (ctx.offers('downloadStream'))
    readers.push(['downloadStream', async (key, range) => readAll(await ctx.optional.downloadStream(key, range))]);

  ctx.describe('ranges', () => {
    for (const [operation, read] of readers) {
      ctx.it(`${operation} reads the first byte, the last byte and a span, end included`, async () => {
        const key = ctx.folder().key('ranged.bin');
        const bytes = patterned(SIZE, 61);
        await ctx.storage.uploadByFile(key, bytes);
        assertSameBytes(await read(key, { start: 0, end: 0 }), bytes.subarray(0, 1), 'first byte');
        assertSameBytes(await read(key, { start: SIZE - 1, end: SIZE - 1 }), bytes.subarray(SIZE - 1), 'last byte');
        assertSameBytes(await read(key, { start: 100, end: 199 }), bytes.subarray(100, 200), 'bytes 100-199');
      });

      ctx.it(`${operation} reads to the last byte without an end, or with one past it`, async () => {
        const key = ctx.folder().key('open.bin');
        const bytes = patterned(SIZE, 62);
        await ctx.storage.uploadByFile(key, bytes);
        assertSameBytes(await read(key, { start: 990 }), bytes.subarray(990), 'bytes 990-');
        assertSameBytes(await read(key, { start: 990, end: 5000 }), bytes.subarray(990), 'bytes 990-5000');
        assertSameBytes(await read(key, { start: 0 }), bytes, 'bytes 0-');
      });

      ctx.it(`${operation} refuses a start past the last byte with INVALID_ARGUMENT on range`, async () => {
        const key = ctx.folder().key('short.bin');
        await ctx.storage.uploadByFile(key, patterned(SIZE, 63));
        for (const range of [{ start: SIZE }, { start: SIZE + 5, end: SIZE + 10 }]) {
          const error = await assertStorageError(() => read(key, range), {
            code: ErrorCode.INVALID_ARGUMENT,
            field: 'range',
            operation,
          });
          assert.equal(error.key, key, 'error.key');
        }
      });

      ctx.it(`${operation} reads no range of an empty object: INVALID_ARGUMENT on range`, async () => {
        const key = ctx.folder().key('empty.bin');
        await ctx.storage.uploadByFile(key, Buffer.alloc(0));
        await assertStorageError(() => read(key, { start: 0 }), {
          code: ErrorCode.INVALID_ARGUMENT,
          field: 'range',
          operation,
        });
        // The object itself is fine: read whole, it is empty.
        assert.equal((await ctx.storage.download(key)).length, 0, 'the whole empty object');
      });

      ctx.it(
        `${operation} refuses malformed ranges with INVALID_ARGUMENT on range, and a missing key with NOT_FOUND`,
        async () => {
          const key = ctx.folder().key('there.bin');
          await ctx.storage.uploadByFile(key, patterned(10, 64));
          const malformed: unknown[] = [
            { start: -1 },
            { start: 1.5 },
            { start: 5, end: 4 },
            { start: '0' },
            {},
            5,
            null,
          ];
          for (const range of malformed) {
            await assertStorageError(() => read(key, range as ByteRange), {
              code: ErrorCode.INVALID_ARGUMENT,
              field: 'range',
              operation,
            }).catch((error: Error) => {
              error.message = `range ${JSON.stringify(range)}: ${error.message}`;
              throw error;
            });
          }
          await assertStorageError(() => read(ctx.folder().key('missing.bin'), { start: 0 }), {
            code: ErrorCode.NOT_FOUND,
            operation,
          });
        },
      );
    }

    ctx.it('download refuses options that are not an object with INVALID_ARGUMENT on options', async () => {
      const key = ctx.folder().key('options.bin');
      await assertStorageError(() => ctx.optional.download(key, 5 as never), {
        code: ErrorCode.INVALID_ARGUMENT,
        field: 'options',
        operation: 'download',
      });
    });

    ctx.it('reads ranges of a large object (multipart on S3), its end and across the middle', async () => {
      const key = ctx.folder().key('large.bin');
      const bytes = patterned(ctx.largeSize, 65);
      await ctx.storage.uploadByFile(key, bytes);
      const middle = Math.floor(ctx.largeSize / 2);
      for (const [operation, read] of readers) {
        assertSameBytes(
          await read(key, { start: middle - 1000, end: middle + 999 }),
          bytes.subarray(middle - 1000, middle + 1000),
          `${operation} across the middle`,
        );
        assertSameBytes(
          await read(key, { start: ctx.largeSize - 100_000 }),
          bytes.subarray(ctx.largeSize - 100_000),
          `${operation} the end`,
        );
      }
    });
  });
}
