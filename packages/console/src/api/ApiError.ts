import type { ErrorInfo } from './types';

// Checked by brand, as every mti error is: never `instanceof` (a second copy of the module, as
// hot module reloading makes, brings a class of its own).
const apiErrorBrand = Symbol.for('@mti/console/ApiError');

/** A refusal from the gateway, in its one error shape, with the HTTP status it came with. */
export class ApiError extends Error implements ErrorInfo {
  readonly status: number;
  readonly code: string;
  readonly file?: string;
  readonly field?: string;
  readonly issues?: { path: string; message: string }[];

  constructor(status: number, info: Partial<ErrorInfo>) {
    super(info.message ?? `the gateway answered ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = info.code ?? (status === 0 ? 'NETWORK' : 'UNKNOWN');
    if (info.file !== undefined) this.file = info.file;
    if (info.field !== undefined) this.field = info.field;
    if (info.issues !== undefined) this.issues = info.issues;
    Object.defineProperty(this, apiErrorBrand, { value: true });
  }

  static is(value: unknown): value is ApiError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[apiErrorBrand] === true;
  }

  /** Whatever was thrown, as words a person can read. */
  static messageOf(error: unknown): string {
    if (error instanceof Error) return error.message;
    return String(error);
  }
}
