import type { Logger } from '@mti/core';

export interface LoadAppOptions {
  /** Follow file changes with chokidar (hot reload). Default false. */
  watch?: boolean;
  /** Where `${VAR}` in business configs is looked up; defaults to `process.env` (read at each reload). */
  env?: Readonly<Record<string, string | undefined>>;
  logger?: Logger;
  /** The app's name in logs; defaults to the folder name. */
  name?: string;
}
