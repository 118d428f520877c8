import type { ElementError } from '../errors/ElementError';
import type { ElementClass } from './ElementClass';

/** One element folder of an app, as data. The loader reads these from disk; tests write them. */
export interface ElementRecord {
  /** Folder relative to the app root, `/`-separated: `storages/MyS3` is `storages.MyS3`. */
  folder: string;
  /** The parsed `e.json`. */
  declaration?: unknown;
  /** The parsed business config `<Name>.json`; undefined when there is none. */
  config?: unknown;
  /** Type code: the class the folder's backendBundleEntry exports. */
  implementation?: ElementClass;
  /** File paths relative to the app root, for messages; defaults derive from `folder`. */
  files?: { declaration?: string; config?: string; code?: string };
  /** A failure found before core saw the data (malformed JSON, Type code that throws). */
  problem?: ElementError;
}
