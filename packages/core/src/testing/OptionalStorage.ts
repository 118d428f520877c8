import type { Readable } from 'node:stream';
import type { StorageMeta } from '../storage/StorageMeta';
import type { CopyResult, DeleteManyItem, ListOptions, ListResult, SignedUpload } from '../storage/storageResults';
import type { ByteRange, CopyOptions, DownloadOptions } from '../storage/storageTypes';
import type { SignedUploadForm, UploadFormOptions } from '../storage/uploadFormTypes';

/** The optional functions the suite knows, in the order their tests run. */
export const optionalFunctions = [
  'downloadStream',
  'exists',
  'list',
  'copy',
  'move',
  'deleteMany',
  'getSignUploadUrl',
  'getSignUploadForm',
] as const;

export type OptionalFunction = (typeof optionalFunctions)[number];

/**
 * The shapes a Type's optional functions must have for the suite: those of the official Types,
 * with the results every Type shares (storageResults).
 */
export interface OptionalStorage extends StorageMeta {
  /** The seed's `download`, with the range option of the Types that read ranges. */
  download(name: string, options?: DownloadOptions): Promise<Buffer>;
  downloadStream(name: string, range?: ByteRange): Promise<Readable>;
  exists(name: string): Promise<boolean>;
  list(prefix?: string, options?: ListOptions): Promise<ListResult>;
  copy(from: string, to: string, options?: CopyOptions): Promise<CopyResult>;
  move(from: string, to: string): Promise<CopyResult>;
  deleteMany(names: readonly string[]): Promise<DeleteManyItem[]>;
  getSignUploadUrl(file: string, contentType: string, expires?: number): Promise<SignedUpload>;
  getSignUploadForm(file: string, contentType: string, options: UploadFormOptions): Promise<SignedUploadForm>;
}
