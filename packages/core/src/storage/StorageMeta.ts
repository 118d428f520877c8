import { secretValues } from '../config/redactedView';
import { Element } from '../element/Element';
import type { ElementFunctions } from '../element/ElementFunctions';
import { ErrorCode } from '../errors/ErrorCode';
import { scrubSecrets } from '../errors/scrubSecrets';
import { StorageError } from '../errors/StorageError';
import { argumentProblem, type ArgumentProblem } from './argumentProblem';
import { listOptionsProblem } from './listOptionsProblem';
import type { ListOptions } from './storageResults';
import type { DeleteResult, ObjectInfo, UploadData, UploadOptions, UploadResult } from './storageTypes';
import { toUploadBody, type UploadBody } from './toUploadBody';
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

  /**
   * The seed's functions, with its parameter names and order. Reading a byte range is optional:
   * a Type that reads them redeclares `download` with its `options?` (optionalStorageFunctions).
   */
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

  /** Throws INVALID_ARGUMENT on the problem's field when there is a problem. */
  protected checkArgument(operation: string, key: string | undefined, problem: ArgumentProblem | undefined): void {
    if (problem !== undefined) throw this.invalidArgument(operation, key, problem.field, problem.detail);
  }

  /** `uploadByFile`'s data as bytes or a stream; INVALID_ARGUMENT saying what it got otherwise. */
  protected uploadBody(operation: string, key: string, data: unknown): UploadBody {
    const body = toUploadBody(data);
    if (typeof body === 'string') throw this.invalidArgument(operation, key, 'data', `data ${body}`);
    return body;
  }

  /**
   * Checks `list`'s prefix and options, all but the cursor (which only the listing's scope can
   * check: see listPosition), so every Type refuses the same listings; answers the page size.
   */
  protected checkList(operation: string, prefix: string, options: ListOptions): number {
    if (prefix !== '') this.checkArgument(operation, undefined, argumentProblem('prefix', keyProblem(prefix)));
    this.checkArgument(operation, prefix || undefined, listOptionsProblem(options));
    return options.limit ?? 1000;
  }

  /**
   * Where a listing resumes: undefined without a cursor, else what `decode` reads from it (the
   * Type's own cursor, which knows the listing's scope). INVALID_ARGUMENT when it reads nothing.
   */
  protected listPosition(
    operation: string,
    prefix: string,
    cursor: unknown,
    decode: (cursor: string) => string | undefined,
  ): string | undefined {
    if (cursor === undefined) return undefined;
    if (typeof cursor !== 'string' || cursor === '') {
      throw this.invalidArgument(operation, prefix || undefined, 'cursor', 'cursor must be a non-empty string');
    }
    const position = decode(cursor);
    if (position === undefined) {
      throw this.invalidArgument(
        operation,
        prefix || undefined,
        'cursor',
        "cursor is not a nextCursor of this listing: pass back the previous page's nextCursor unchanged, with the same prefix and delimiter",
      );
    }
    return position;
  }

  /**
   * `pending`, telling `report` how it settled (`ok`, or the StorageError's code) before passing
   * the result or failure on: for the Types' one debug line per operation.
   */
  protected reportSettled<T>(pending: Promise<T>, report: (status: string) => void): Promise<T> {
    return pending.then(
      (result) => {
        report('ok');
        return result;
      },
      (error: unknown) => {
        report(StorageError.is(error) ? error.code : ErrorCode.UNKNOWN);
        throw error;
      },
    );
  }

  /** INVALID_ARGUMENT on `field`; `cause`, when given, is what the server answered to the argument. */
  protected invalidArgument(
    operation: string,
    key: string | undefined,
    field: string,
    detail: string,
    cause?: unknown,
  ): StorageError {
    return new StorageError({
      code: ErrorCode.INVALID_ARGUMENT,
      element: this.fullName,
      storageType: this.type,
      operation,
      key,
      field,
      detail,
      cause,
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
