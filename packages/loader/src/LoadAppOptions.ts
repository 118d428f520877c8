import type { ElementRegistration, Logger } from '@mti/core';

export interface LoadAppOptions {
  /** Follow file changes with chokidar (hot reload). Default false. */
  watch?: boolean;
  /** Where `${VAR}` in business configs is looked up; defaults to `process.env` (read at each reload). */
  env?: Readonly<Record<string, string | undefined>>;
  logger?: Logger;
  /**
   * Metas and Types the host program adds to this app, beside the official ones and those of
   * `app.json`'s `typePackages` (a family of its own, say). Checked before anything loads.
   */
  registrations?: readonly ElementRegistration[];
  /** The app's name in logs; defaults to the folder name. */
  name?: string;
  /**
   * Runs before each hot reload applies the files that changed, and the reload waits for it:
   * the place to get ready for what the new files need (`mti serve --embedded-s3` creates the
   * buckets a changed config names here). Reloads stay in order. If it throws, the error is
   * reported (`error` event) and the reload goes ahead.
   */
  beforeReload?: () => Promise<void> | void;
  /**
   * How long a stream a call returned may keep reading after `close()` or after a reload
   * replaced its instance, before it ends with a `TIMEOUT` error. Default 30 000 (`createApp`'s).
   */
  closeTimeoutMs?: number;
  /**
   * How long the import of a Type's code may take. Each import runs first in a worker thread,
   * where one still running after this long is stopped: the element is in error (its cause
   * coded `TIMEOUT`) and the code never runs in the process. Default 5 000; `Infinity` for none.
   */
  typeLoadTimeoutMs?: number;
}
