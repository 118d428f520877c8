import { ElementError, type ErrorCode } from '@mti/core';

/** An ElementError that also says which HTTP status it travels as (413 for oversized bodies). */
export class GatewayError extends ElementError {
  readonly status: number;

  constructor(code: ErrorCode, message: string, status: number) {
    super({ code, message });
    this.name = 'GatewayError';
    this.status = status;
  }
}
