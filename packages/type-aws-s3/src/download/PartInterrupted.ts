/**
 * A part whose response started and then broke off (a dropped connection, a body cut short):
 * the SDK retries a request only until its response starts, so the download fetches such a part
 * again itself. `cause` is what broke it, reported when no attempt is left.
 */
export class PartInterrupted extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'PartInterrupted';
  }
}
