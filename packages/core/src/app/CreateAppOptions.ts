import type { ElementRecord } from '../element/ElementRecord';
import type { ElementRegistration } from '../element/ElementRegistration';
import type { Logger } from '../logging/Logger';

export interface CreateAppOptions {
  /** Names the app in logs; defaults to `app`. */
  name?: string;
  /** The app's own element folders, as data. */
  elements?: readonly ElementRecord[];
  /**
   * Every built-in Meta and Type of the app, Metas included: `[storagesMeta, ...registrations]`
   * of `@mti/type-aws-s3` for a storage app. Default `[storagesMeta]`. A Type whose Meta or
   * Type is missing from the list throws here.
   */
  registrations?: readonly ElementRegistration[];
  /** Where `${VAR}` in business configs is looked up; defaults to `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  logger?: Logger;
  /**
   * How long a stream a call returned (`downloadStream`) may keep reading after `close()`, or
   * after a reload replaced the instance it reads through; then it ends with a `TIMEOUT` error.
   * Default 30 000; `Infinity` waits for every stream however long it takes.
   */
  closeTimeoutMs?: number;
}
