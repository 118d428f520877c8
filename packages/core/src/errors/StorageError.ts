import { ElementError } from './ElementError';
import type { ErrorCode } from './ErrorCode';

const storageErrorBrand = Symbol.for('@mti/core/StorageError');

export interface StorageErrorOptions {
  code: ErrorCode;
  /** fullName of the storage Instance, e.g. `storages.MyS3`. */
  element: string;
  /** fullName of its Type, e.g. `storages.AwsS3Type`. */
  storageType: string;
  /** The storage method that failed, e.g. `download`. */
  operation: string;
  key?: string;
  /** What went wrong, without the element/operation prefix the message adds. */
  detail: string;
  field?: string;
  cause?: unknown;
}

export class StorageError extends ElementError {
  readonly storageType: string;
  readonly operation: string;
  readonly key: string | undefined;
  readonly detail: string;

  constructor(options: StorageErrorOptions) {
    const target = options.key === undefined ? '' : ` ${JSON.stringify(options.key)}`;
    super({
      code: options.code,
      element: options.element,
      field: options.field,
      cause: options.cause,
      message:
        `${options.element} (${options.storageType}): ${options.operation}${target} failed: ` +
        `${options.code}: ${options.detail}`,
    });
    this.name = 'StorageError';
    this.storageType = options.storageType;
    this.operation = options.operation;
    this.key = options.key;
    this.detail = options.detail;
    Object.defineProperty(this, storageErrorBrand, { value: true });
  }

  static override is(value: unknown): value is StorageError {
    return ElementError.is(value) && (value as unknown as Record<symbol, unknown>)[storageErrorBrand] === true;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      storageType: this.storageType,
      operation: this.operation,
      key: this.key,
    };
  }
}
