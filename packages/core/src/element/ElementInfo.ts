import type { ElementError } from '../errors/ElementError';
import type { ElementKind } from './ElementKind';

export interface ElementInfo {
  fullName: string;
  title: string;
  kind: ElementKind;
  /** The Meta or Type this element builds on; empty for a Meta. */
  type: string;
  status: 'ready' | 'error';
  error?: ElementError;
  /** `builtin` for Metas and official Types, `app` for the app's own folders. */
  origin: 'builtin' | 'app';
  /** Set when an app Type replaces a built-in one of the same fullName: the built-in's package. */
  overrides?: string;
}
