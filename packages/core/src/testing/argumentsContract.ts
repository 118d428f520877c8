import type { StorageMeta } from '../storage/StorageMeta';
import type { UploadData, UploadOptions } from '../storage/storageTypes';
import { ErrorCode } from '../errors/ErrorCode';
import { assertStorageError } from './assertions';
import { badKeys } from './badKeys';
import type { ContractContext } from './ContractContext';

type KeyCall = (storage: StorageMeta, key: string) => Promise<unknown>;

/** Each seed method, with the name its key parameter has in the contract. */
const keyCalls: ReadonlyArray<readonly [operation: string, field: string, call: KeyCall]> = [
  ['uploadByFile', 'name', (s, k) => s.uploadByFile(k, 'x', 'text/plain')],
  ['download', 'name', (s, k) => s.download(k)],
  ['getObject', 'name', (s, k) => s.getObject(k)],
  ['delete', 'name', (s, k) => s.delete(k)],
  ['getSignUrl', 'file', (s, k) => s.getSignUrl(k, 'text/plain')],
];

/**
 * Bad arguments are the caller's fault and say so: INVALID_ARGUMENT, the parameter's name in
 * `field`, the method in `operation` — before any request, so nothing is stored.
 */
export function argumentsContract(ctx: ContractContext): void {
  ctx.describe('bad arguments', () => {
    for (const [operation, field, call] of keyCalls) {
      ctx.it(`${operation} refuses bad keys with INVALID_ARGUMENT on "${field}"`, async () => {
        for (const [label, key] of badKeys) {
          await assertStorageError(() => call(ctx.storage, key as string), {
            code: ErrorCode.INVALID_ARGUMENT,
            field,
            operation,
          }).catch((error: Error) => {
            error.message = `${label} key: ${error.message}`;
            throw error;
          });
        }
      });
    }

    ctx.it('uploadByFile refuses data that is not bytes, text or a stream, and stores nothing', async () => {
      const key = ctx.folder().key('bad-data.bin');
      for (const data of [42, null, undefined, { length: 3 }, [1, 2, 3]]) {
        await assertStorageError(() => ctx.storage.uploadByFile(key, data as unknown as UploadData), {
          code: ErrorCode.INVALID_ARGUMENT,
          field: 'data',
          operation: 'uploadByFile',
        });
      }
      await assertStorageError(() => ctx.storage.download(key), { code: ErrorCode.NOT_FOUND });
    });

    ctx.it('refuses a contentType that cannot be a header', async () => {
      const key = ctx.folder().key('bad-type.txt');
      const injected = 'text/plain\r\nX-Injected: 1';
      await assertStorageError(() => ctx.storage.uploadByFile(key, 'x', injected), {
        code: ErrorCode.INVALID_ARGUMENT,
        field: 'contentType',
        operation: 'uploadByFile',
      });
      await assertStorageError(() => ctx.storage.getSignUrl(key, injected), {
        code: ErrorCode.INVALID_ARGUMENT,
        field: 'contentType',
        operation: 'getSignUrl',
      });
      await assertStorageError(() => ctx.storage.download(key), { code: ErrorCode.NOT_FOUND });
    });

    ctx.it('uploadByFile refuses options that are not an object', async () => {
      const key = ctx.folder().key('bad-options.txt');
      await assertStorageError(
        () => ctx.storage.uploadByFile(key, 'x', 'text/plain', 'fast' as unknown as UploadOptions),
        { code: ErrorCode.INVALID_ARGUMENT, field: 'options', operation: 'uploadByFile' },
      );
    });
  });
}
