import { keyBytesProblem } from '@mti/core';

/**
 * An element's keys as the bucket holds them: under `prefix/` when the config sets a prefix. The
 * only place that knows how a key becomes an S3 key, so also the one that checks the prefixed
 * key against S3's limit (the limit itself is core's `keyBytesProblem`).
 */
export class PrefixedKeys {
  readonly #prefix: string | undefined;
  readonly #withSlash: string;

  constructor(prefix: string | undefined) {
    this.#prefix = prefix;
    this.#withSlash = prefix === undefined ? '' : `${prefix}/`;
  }

  toS3Key(key: string): string {
    return this.#prefix === undefined ? key : this.#withSlash + key;
  }

  fromS3Key(s3Key: string): string {
    return s3Key.startsWith(this.#withSlash) ? s3Key.slice(this.#withSlash.length) : s3Key;
  }

  /**
   * Why the S3 key made from a checked key is too long, or undefined. Without a prefix the S3 key
   * is the key, which `keyProblem` has already measured: no second count on the hot path.
   */
  lengthProblem(field: string, s3Key: string): string | undefined {
    if (this.#prefix === undefined) return undefined;
    const problem = keyBytesProblem(s3Key);
    return problem === undefined ? undefined : `${field} with prefix "${this.#prefix}" ${problem}`;
  }
}
