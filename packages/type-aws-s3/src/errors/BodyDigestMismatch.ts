/**
 * A response body whose MD5 is not the one its ETag promised: corrupted on the way or at rest.
 * describeS3Error makes it UNAVAILABLE, as a transfer that failed: fetching again may succeed.
 */
export class BodyDigestMismatch extends Error {
  constructor(actual: string, expected: string) {
    super(`the body's MD5 is ${actual}, its ETag says ${expected}`);
    this.name = 'BodyDigestMismatch';
  }
}
