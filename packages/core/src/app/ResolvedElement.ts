import type { ElementError } from '../errors/ElementError';
import type { ElementClass } from '../element/ElementClass';
import type { ElementKind } from '../element/ElementKind';

/** One element after its declaration, type chain and config have been checked. */
export interface ResolvedElement {
  fullName: string;
  title: string;
  /** Undefined only when the declaration could not be read at all. */
  kind: ElementKind | undefined;
  type: string;
  /** fullName of the Meta its type chain ends in; see `ElementInfo.meta` for when it is absent. */
  meta?: string;
  origin: 'builtin' | 'app';
  overrides?: string;
  /** Meta or Type: its own class. Instance: the class of its Type (the app's override, if any). */
  implementation?: ElementClass;
  /** Instances only: validated and redacted. */
  config?: object;
  secretFields: readonly string[];
  /** Changes whenever anything that shapes the live object changes (declaration, config, class). */
  fingerprint: string;
  error?: ElementError;
}
