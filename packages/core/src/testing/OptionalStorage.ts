import type { Readable } from 'node:stream';
import type { ErrorCode } from '../errors/ErrorCode';
import type { StorageMeta } from '../storage/StorageMeta';

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
 * The shapes a Type's optional functions must have for the suite, as `storages.AwsS3Type` offers
 * them. Written here rather than imported: core cannot depend on an official Type's package.
 */
export interface OptionalStorage extends StorageMeta {
  downloadStream(name: string): Promise<Readable>;
  exists(name: string): Promise<boolean>;
  list(
    prefix?: string,
    options?: { limit?: number; cursor?: string; delimiter?: string },
  ): Promise<{
    items: Array<{ key: string; size: number; etag: string }>;
    prefixes: string[];
    nextCursor: string | undefined;
  }>;
  copy(from: string, to: string): Promise<{ from: string; to: string; etag: string }>;
  move(from: string, to: string): Promise<{ from: string; to: string; etag: string }>;
  deleteMany(
    names: readonly string[],
  ): Promise<Array<{ key: string; deleted: boolean; error?: { code: ErrorCode; message: string } }>>;
  getSignUploadUrl(
    file: string,
    contentType: string,
    expires?: number,
  ): Promise<{ url: string; method: string; headers: Record<string, string> }>;
}
