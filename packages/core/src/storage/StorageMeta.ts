import { secretValues } from '../config/redactedView';
import { Element } from '../element/Element';
import type { ElementFunctions } from '../element/ElementFunctions';
import { ErrorCode } from '../errors/ErrorCode';
import { scrubSecrets } from '../errors/scrubSecrets';
import { StorageError } from '../errors/StorageError';
import type { DeleteResult, ObjectInfo, UploadData, UploadOptions, UploadResult } from './storageTypes';
import { keyProblem } from './validateKey';

export interface ErrorDescription {
  code: ErrorCode;
  detail: string;
}

/**
 * `storages.Meta`: the storage contract of the seed document, plus the work every storage Type
 * shares — key checks and turning driver failures into coded StorageErrors.
 */
export abstract class StorageMeta<TConfig = unknown> extends Element<TConfig> {
  /** Methods every Type under `storages.Meta` must implement; checked when an app is built. */
  static readonly contract: readonly string[] = ['uploadByFile', 'download', 'getObject', 'delete', 'getSignUrl'];

  /** The seed's functions, with its parameter names and order. */
  static readonly functions: ElementFunctions = {
    uploadByFile: { params: ['name', 'data', 'contentType?', 'options?'] },
    getSignUrl: { params: ['file', 'contentType', 'expires?'] },
    download: { params: ['name'] },
    getObject: { params: ['name'] },
    delete: { params: ['name'] },
  };

  abstract uploadByFile(
    name: string,
    data: UploadData,
    contentType?: string,
    options?: UploadOptions,
  ): Promise<UploadResult>;
  abstract getSignUrl(file: string, contentType: string, expires?: number): Promise<string>;
  abstract download(name: string): Promise<Buffer>;
  abstract getObject(name: string): Promise<ObjectInfo>;
  abstract delete(name: string): Promise<DeleteResult>;

  /** Throws INVALID_ARGUMENT unless `key` is a usable object key; returns it typed. */
  protected checkKey(operation: string, key: unknown, field = 'name'): string {
    const problem = keyProblem(key);
    if (problem === undefined) return key as string;
    throw this.invalidArgument(operation, typeof key === 'string' ? key : undefined, field, `${field} ${problem}`);
  }

  protected invalidArgument(operation: string, key: string | undefined, field: string, detail: string): StorageError {
    return new StorageError({
      code: ErrorCode.INVALID_ARGUMENT,
      element: this.fullName,
      storageType: this.type,
      operation,
      key,
      field,
      detail,
    });
  }

  /**
   * Runs one storage operation; any failure leaves as a StorageError with the original as cause.
   * `map`, when given, turns the result into what the caller returns in the same promise turn
   * (it must not return a promise: its failures would escape the wrapping). Written without
   * async/await: on small objects every extra promise hop shows in throughput.
   */
  protected run<T>(operation: string, key: string | undefined, work: () => Promise<T>): Promise<T>;
  protected run<R, T>(
    operation: string,
    key: string | undefined,
    work: () => Promise<R>,
    map: (result: R) => T,
  ): Promise<T>;
  protected run<R, T>(
    operation: string,
    key: string | undefined,
    work: () => Promise<R>,
    map?: (result: R) => T,
  ): Promise<R | T> {
    let pending: Promise<R>;
    try {
      pending = work();
    } catch (error) {
      return Promise.reject(this.toStorageError(operation, key, error));
    }
    const fail = (error: unknown): never => {
      throw this.toStorageError(operation, key, error);
    };
    if (map === undefined) return pending.then(undefined, fail);
    return pending.then((result) => {
      try {
        return map(result);
      } catch (error) {
        return fail(error);
      }
    }, fail);
  }

  protected toStorageError(operation: string, key: string | undefined, error: unknown): StorageError {
    if (StorageError.is(error)) return error;
    // Scrub first: the detail is often the driver's own message.
    const cause = scrubSecrets(error, secretValues(this.config as object, this.secretFields));
    const { code, detail } = this.describeError(cause, key);
    return new StorageError({ code, element: this.fullName, storageType: this.type, operation, key, detail, cause });
  }

  /** Maps a driver failure to a code and a one-line reason. Types override this. */
  protected describeError(error: unknown, _key: string | undefined): ErrorDescription {
    return { code: ErrorCode.UNKNOWN, detail: error instanceof Error ? error.message : String(error) };
  }
}
