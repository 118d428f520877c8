/**
 * A write whose condition (`ifNoneMatch`, `ifMatch`) did not hold, as the server said (412, or a
 * 409 ConditionalRequestConflict) or as the element's own check before a multipart upload or a
 * copy found. Named as S3 names the error, so describeS3Error makes it CONFLICT.
 */
export class PreconditionFailure extends Error {
  constructor(detail: string, cause?: unknown) {
    super(detail, cause === undefined ? undefined : { cause });
    this.name = 'PreconditionFailed';
  }
}
