import type { ErrorCode } from './ErrorCode';

// A Symbol.for brand instead of instanceof: hot-reloaded Type code and duplicate package copies
// each bring their own class objects, but they share the global symbol registry.
const elementErrorBrand = Symbol.for('@mti/core/ElementError');

export interface ElementErrorOptions {
  code: ErrorCode;
  message: string;
  /** fullName of the element the error belongs to. */
  element?: string;
  /** File the problem is in, relative to the app root. */
  file?: string;
  /** Dotted path of the offending field inside that file. */
  field?: string;
  cause?: unknown;
}

export class ElementError extends Error {
  readonly code: ErrorCode;
  readonly element: string | undefined;
  readonly file: string | undefined;
  readonly field: string | undefined;

  constructor(options: ElementErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ElementError';
    this.code = options.code;
    this.element = options.element;
    this.file = options.file;
    this.field = options.field;
    Object.defineProperty(this, elementErrorBrand, { value: true });
  }

  static is(value: unknown): value is ElementError {
    return (
      typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[elementErrorBrand] === true
    );
  }

  static hasCode(value: unknown, code: ErrorCode): value is ElementError {
    return ElementError.is(value) && value.code === code;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      element: this.element,
      file: this.file,
      field: this.field,
    };
  }
}
