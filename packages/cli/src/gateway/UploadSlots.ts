import { ElementError, ErrorCode } from '@mti/core';

/**
 * What the gateway's uploads may hold at once: how many stream at a time (`count`) and how many
 * bytes of buffers they may need together (`bytes`). An upload needs about its own length, up to
 * its storage's part size × queue size (UPLOAD_BUFFER_BYTES), for as long as it runs: that,
 * not the number of clients, is what the gateway's memory grows with under load.
 */
export class UploadSlots {
  readonly count: number;
  readonly bytes: number;
  #taken = 0;
  #reserved = 0;

  constructor(limits: { count: number; bytes: number }) {
    for (const [name, value] of [
      ['maxUploads', limits.count],
      ['uploadMemory', limits.bytes],
    ] as const) {
      if (!Number.isInteger(value) || value < 1)
        throw new ElementError({
          code: ErrorCode.INVALID_ARGUMENT,
          field: name,
          message: `${name} must be a whole number ≥ 1, got ${value}`,
        });
    }
    this.count = limits.count;
    this.bytes = limits.bytes;
  }

  /**
   * A slot for an upload needing `bytes`, and the function that gives it back (once, however
   * often called); undefined when there is no room. The first upload always gets one, so an
   * upload larger than the whole budget is slow, not impossible.
   */
  take(bytes: number): (() => void) | undefined {
    if (this.#taken >= this.count) return undefined;
    if (this.#taken > 0 && this.#reserved + bytes > this.bytes) return undefined;
    this.#taken++;
    this.#reserved += bytes;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#taken--;
      this.#reserved -= bytes;
    };
  }
}

/**
 * The buffers one upload holds at most with AwsS3Type's default multipart settings: parts of
 * 8 MiB, 4 in flight (packages/type-aws-s3, config `multipart`). The gateway cannot see an
 * element's settings; one configured with larger parts needs a larger `uploadMemory`.
 */
const UPLOAD_BUFFER_BYTES = 8 * 1024 * 1024 * 4;

/** What an upload of `declared` bytes (undefined: sent chunked, length unknown) needs. */
export function uploadNeed(declared: number | undefined): number {
  return declared === undefined ? UPLOAD_BUFFER_BYTES : Math.min(declared, UPLOAD_BUFFER_BYTES);
}
