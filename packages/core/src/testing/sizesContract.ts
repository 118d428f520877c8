import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { assertSameBytes } from './assertions';
import { patterned, unknownLengthStream } from './bytes';
import type { ContractContext } from './ContractContext';

/**
 * The edges of size: nothing at all, and more than fits in one request (the S3 Type's part size
 * is 8 MiB; `largeSize` above it takes its multipart paths), from bytes and from a stream.
 */
export function sizesContract(ctx: ContractContext): void {
  ctx.describe('sizes', () => {
    const empties: ReadonlyArray<readonly [string, () => Buffer | string | Readable]> = [
      ['an empty Buffer', () => Buffer.alloc(0)],
      ['an empty string', () => ''],
      ['an empty stream', () => Readable.from([])],
    ];
    for (const [label, data] of empties) {
      ctx.it(`stores ${label} as an object of 0 bytes`, async () => {
        const key = ctx.folder().key('empty');
        const result = await ctx.storage.uploadByFile(key, data(), 'text/plain');
        assert.equal(result.size, 0, 'result.size');
        assert.equal((await ctx.storage.download(key)).length, 0, 'downloaded length');
        assert.equal((await ctx.storage.getObject(key)).size, 0, 'getObject size');
        const response = await fetch(await ctx.storage.getSignUrl(key, 'text/plain'));
        assert.equal(response.status, 200);
        assert.equal((await response.arrayBuffer()).byteLength, 0, 'signed GET body');
      });
    }

    const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

    ctx.it(`round-trips a large Buffer (${mib(ctx.largeSize)})`, async () => {
      const key = ctx.folder().key('large.bin');
      const bytes = patterned(ctx.largeSize, 41);
      const result = await ctx.storage.uploadByFile(key, bytes);
      assert.equal(result.size, bytes.length, 'result.size');
      assert.equal((await ctx.storage.getObject(key)).size, bytes.length, 'getObject size');
      assertSameBytes(await ctx.storage.download(key), bytes, 'downloaded');
    });

    ctx.it(`round-trips a large stream of unknown length (${mib(ctx.largeSize)} and an odd tail)`, async () => {
      const key = ctx.folder().key('large-stream.bin');
      // An odd size, so the last part is short and not aligned to any chunk.
      const bytes = patterned(ctx.largeSize + 12_345, 42);
      const result = await ctx.storage.uploadByFile(key, unknownLengthStream(bytes, 100_000));
      assert.equal(result.size, bytes.length, 'result.size');
      assertSameBytes(await ctx.storage.download(key), bytes, 'downloaded');
    });
  });
}
