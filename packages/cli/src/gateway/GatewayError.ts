import { ElementError, type ErrorCode } from '@mti/core';

/** One problem of a request body, by dotted path (`multipart.partSizeMiB`; `` for the whole). */
export interface GatewayIssue {
  path: string;
  message: string;
}

export interface GatewayErrorDetails {
  element?: string;
  file?: string;
  field?: string;
  issues?: readonly GatewayIssue[];
}

// A brand, as ElementError has: a GatewayError from another copy of this package is one too.
const gatewayErrorBrand = Symbol.for('@mti/cli/GatewayError');

/**
 * An ElementError that also says which HTTP status it travels as (413 for oversized bodies),
 * and, for the console's config routes, which element, file, field and issues it is about:
 * those go out in the answer too (names only, never values).
 */
export class GatewayError extends ElementError {
  readonly status: number;
  readonly issues: readonly GatewayIssue[] | undefined;

  constructor(code: ErrorCode, message: string, status: number, details: GatewayErrorDetails = {}) {
    super({ code, message, element: details.element, file: details.file, field: details.field });
    this.name = 'GatewayError';
    this.status = status;
    this.issues = details.issues;
    Object.defineProperty(this, gatewayErrorBrand, { value: true });
  }

  /** `error` (code, message, element, file, field) as an answer with `status`. */
  static of(error: ElementError, status: number, issues?: readonly GatewayIssue[]): GatewayError {
    return new GatewayError(error.code, error.message, status, {
      element: error.element,
      file: error.file,
      field: error.field,
      issues,
    });
  }

  static override is(value: unknown): value is GatewayError {
    return ElementError.is(value) && (value as unknown as Record<symbol, unknown>)[gatewayErrorBrand] === true;
  }

  /** The answer's body: `{ code, message }` and whichever details are set. */
  body(): Record<string, unknown> {
    return {
      code: this.code,
      message: this.message,
      ...(this.element === undefined ? {} : { element: this.element }),
      ...(this.file === undefined ? {} : { file: this.file }),
      ...(this.field === undefined ? {} : { field: this.field }),
      ...(this.issues === undefined ? {} : { issues: this.issues }),
    };
  }
}
