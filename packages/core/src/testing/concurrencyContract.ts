import assert from 'node:assert/strict';
import { assertSameBytes } from './assertions';
import { patterned } from './bytes';
import type { ContractContext } from './ContractContext';

/**
 * Many calls at once on one Instance: no call sees another's bytes, none is lost. Checks
 * outcomes only, never how long they took (the machine may be busy).
 */
export function concurrencyContract(ctx: ContractContext): void {
  ctx.describe('concurrency', () => {
    ctx.it(`${ctx.concurrency} parallel uploads, then downloads and descriptions, all intact`, async () => {
      const folder = ctx.folder();
      // Distinct sizes and contents, so a swapped body cannot pass.
      const objects = Array.from({ length: ctx.concurrency }, (_, i) => ({
        key: folder.key(`parallel/${i}.bin`),
        bytes: patterned(1024 + i * 997, 100 + i),
      }));
      const results = await Promise.all(objects.map(({ key, bytes }) => ctx.storage.uploadByFile(key, bytes)));
      results.forEach((result, i) => assert.equal(result.key, objects[i]?.key));
      const downloads = await Promise.all(objects.map(({ key }) => ctx.storage.download(key)));
      downloads.forEach((got, i) => assertSameBytes(got, objects[i]?.bytes ?? Buffer.alloc(0), `object ${i}`));
      const infos = await Promise.all(objects.map(({ key }) => ctx.storage.getObject(key)));
      infos.forEach((info, i) => assert.equal(info.size, objects[i]?.bytes.length, `object ${i} size`));
    });
  });
}
