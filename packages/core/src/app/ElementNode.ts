import type { ElementClass } from '../element/ElementClass';
import type { ElementRecord } from '../element/ElementRecord';
import type { ElementError } from '../errors/ElementError';

/** A built-in registration or an app folder, on its way to becoming a ResolvedElement. */
export interface ElementNode {
  fullName: string;
  origin: 'builtin' | 'app';
  /** Package name for built-ins, declaration file for app elements. */
  source: string;
  title: string;
  /** What its declaration names; empty for a Meta, and while the declaration is unread. */
  type: string;
  implementation?: ElementClass;
  record?: ElementRecord;
  configFile?: string;
  overrides?: string;
  error?: ElementError;
}
