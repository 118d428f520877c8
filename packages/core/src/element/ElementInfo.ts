import type { ElementError } from '../errors/ElementError';
import type { ElementKind } from './ElementKind';

export interface ElementInfo {
  fullName: string;
  title: string;
  kind: ElementKind;
  /** The Meta or Type this element builds on; empty for a Meta. */
  type: string;
  /**
   * fullName of the Meta at the root of its type chain, the family it belongs to: its own for a
   * Meta, `storages.Meta` for `storages.MyS3` → `storages.AwsS3Type` → `storages.Meta`. Always
   * set on a ready element. On one in error it is set whenever the chain can still be followed
   * to a Meta (a bad config, a missing method, a type that is an Instance), and absent when it
   * cannot: an unknown type, a cycle, or an element on the way, itself included, whose `e.json`
   * or code could not be read. While an element in error keeps serving its last good version,
   * this is that version's, as `kind` and `type` are.
   */
  meta?: string;
  status: 'ready' | 'error';
  error?: ElementError;
  /** `builtin` for Metas and official Types, `app` for the app's own folders. */
  origin: 'builtin' | 'app';
  /** Set when an app Type replaces a built-in one of the same fullName: the built-in's package. */
  overrides?: string;
}
