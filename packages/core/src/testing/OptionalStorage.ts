import type { Readable } from 'node:stream';
import type { StorageMeta } from '../storage/StorageMeta';
import type { CopyResult, DeleteManyItem, ListOptions, ListResult, SignedUpload } from '../storage/storageResults';

/** The optional functions the suite knows, in the order their tests run. */
export const optionalFunctions = [
  'downloadStream',
  'exists',
  'list',
  'copy',
  'move',
  'deleteMany',
  'getSignUploadUrl',
] as const;

export type OptionalFunction = (typeof optionalFunctions)[number];

/**
 * The shapes a Type's optional functions must have for the suite: those of the official Types,
 * with the results every Type shares (storageResults).
 */
export interface OptionalStorage extends StorageMeta {
  downloadStream(name: string): Promise<Readable>;
  exists(name: string): Promise<boolean>;
  list(prefix?: string, options?: ListOptions): Promise<ListResult>;
  copy(from: string, to: string): Promise<CopyResult>;
  move(from: string, to: string): Promise<CopyResult>;
  deleteMany(names: readonly string[]): Promise<DeleteManyItem[]>;
  getSignUploadUrl(file: string, contentType: string, expires?: number): Promise<SignedUpload>;
}
