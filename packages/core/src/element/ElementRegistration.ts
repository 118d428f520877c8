import type { ElementClass } from './ElementClass';

/**
 * A built-in element that a package contributes to every app it is given to: a Meta such as
 * `storages.Meta`, or an official Type such as `storages.AwsS3Type`.
 */
export interface ElementRegistration {
  fullName: string;
  title: string;
  /** Empty or absent for a Meta; the Meta or Type it builds on otherwise. */
  type?: string;
  implementation: ElementClass;
  /** Who contributes it (a package name); named in conflict and override messages. */
  source: string;
}
