import type { Stats } from 'node:fs';
import { type FileHandle, lstat, rm, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import {
  copyOptionsProblem,
  createDebugLogger,
  downloadOptionsProblem,
  downloadToFileProblem,
  ErrorCode,
  expiresProblem,
  hasConditions,
  headerValueProblem,
  optionalStorageFunctions,
  rangeProblem,
  signedUpload,
  StorageError,
  StorageMeta,
  uploadFormProblem,
  uploadOptionsProblem,
  type ByteRange,
  type CopyOptions,
  type CopyResult,
  type DeleteManyItem,
  type DeleteResult,
  type DownloadOptions,
  type DownloadToFileOptions,
  type DownloadToFileResult,
  type ElementContext,
  type ElementFunctions,
  type ErrorDescription,
  type ListItem,
  type ListOptions,
  type ListResult,
  type ObjectInfo,
  type SignedUpload,
  type SignedUploadForm,
  type UploadBody,
  type UploadData,
  type UploadFormOptions,
  type UploadOptions,
  type UploadProgress,
  type UploadResult,
  type WriteConditions,
} from '@mti/core';
import { checkConditionsEarly } from './conditional/checkConditionsEarly';
import { commitConditional } from './conditional/commitConditional';
import { type DiskConfig, diskConfigSchema } from './config/diskConfigSchema';
import { copyToFile } from './fs/copyToFile';
import { DiskFault, errnoOf } from './fs/DiskFault';
import { diskKeyProblem, encodeKey, META_DIR } from './fs/diskKeys';
import { DiskTree } from './fs/DiskTree';
import { readAt } from './fs/readAt';
import { matchingSidecar, md5OfHandle, type ObjectFields, sidecarFor } from './fs/Sidecar';
import { writeBody, type Written } from './fs/writeBody';
import { fromListCursor, type ListingScope, toListCursor } from './list/listCursor';
import { formFields } from './form/formFields';
import { formSignatureMatches, type FormPolicy, signFormPolicy } from './form/formSignature';
import { readFormPolicy } from './form/readFormPolicy';
import type { SignedFormRequest, VerifiedForm } from './form/SignedForm';
import { walkKeys } from './list/walkKeys';
import { type SignedMethod, sign, signatureMatches } from './signing/signature';
import type { SignedRequest, VerifiedRequest } from './signing/SignedRequest';

/** One line per operation: `DEBUG=mti:disk`. */
const log = createDebugLogger('mti:disk');

const DEFAULT_STORAGE_CLASS = 'STANDARD';
/** Removals in deleteMany at once. */
const DELETE_PARALLEL = 16;
/** Items of a list page described at once. */
const DESCRIBE_PARALLEL = 16;

interface DiskKey {
  /** The key as the caller wrote it. */
  key: string;
  /** With the element's prefix: the path under rootDir. */
  stored: string;
  segments: string[];
}

interface Described {
  stat: Stats;
  md5: string;
  fields: ObjectFields;
}

const quote = (md5: string): string => `"${md5}"`;
const metaOf = (segments: readonly string[]): string[] => [META_DIR, ...segments];

/**
 * `storages.DiskType`: objects as files under `rootDir`. Each write goes to a temporary file in
 * the target's folder, is flushed, and is renamed into place, so a reader sees the old object or
 * the new one, whole. Content type and metadata live in a sidecar tree (`.mti-meta/`) that keys
 * cannot reach. Signed URLs are answered by `mti serve` (`/api/signed/<element>/<key>`), which
 * asks `verifySignedRequest` before serving or storing anything.
 */
export class DiskType extends StorageMeta<DiskConfig> {
  static readonly configSchema = diskConfigSchema;
  static readonly secretFields: readonly string[] = ['signingSecret'];
  /** Beyond the seed's five (inherited from storages.Meta): those of storages.AwsS3Type. */
  static override readonly functions: ElementFunctions = { ...optionalStorageFunctions };

  readonly #tree: DiskTree;
  readonly #locks = new Map<string, Promise<void>>();

  constructor(context: ElementContext<DiskConfig>) {
    super(context);
    this.#tree = new DiskTree(this.config.rootDir, this.config.fsync);
  }

  /** The folder this element stores into, as configured. */
  get rootDir(): string {
    return this.config.rootDir;
  }

  uploadByFile(
    name: string,
    data: UploadData,
    contentType = 'application/octet-stream',
    options: UploadOptions = {},
  ): Promise<UploadResult> {
    const operation = 'uploadByFile';
    return this.#op(operation, name, async () => {
      const target = this.#key(operation, name);
      this.#check(operation, target.key, 'contentType', headerValueProblem(contentType));
      const body = this.uploadBody(operation, target.key, data);
      const fields = this.#objectFields(operation, target.key, contentType, options);
      const written = await this.#write(target.segments, body, fields, options.onProgress, options);
      return {
        url: this.#objectUrl(target.stored),
        key: target.key,
        bucket: this.rootDir,
        etag: quote(written.md5),
        size: written.size,
        contentType,
        storageClass: fields.storageClass,
      };
    });
  }

  /** The object's bytes; with `options.range`, those bytes only (`end` included). */
  download(name: string, options: DownloadOptions = {}): Promise<Buffer> {
    const operation = 'download';
    return this.#op(operation, name, async () => {
      const { key, segments } = this.#key(operation, name);
      this.checkArgument(operation, key, downloadOptionsProblem(options));
      const { range } = options;
      if (range === undefined) {
        const handle = await this.#tree.openFile(segments);
        try {
          return await handle.readFile();
        } finally {
          await handle.close();
        }
      }
      const { handle, start, end } = await this.#openRange(operation, key, segments, range);
      try {
        return await readAt(handle, start, end - start + 1);
      } finally {
        await handle.close();
      }
    });
  }

  /** The object as a stream, read from the file as it is consumed; with `range`, those bytes only. */
  downloadStream(name: string, range?: ByteRange): Promise<Readable> {
    const operation = 'downloadStream';
    return this.#op(operation, name, async () => {
      const { key, segments } = this.#key(operation, name);
      if (range === undefined) return (await this.#tree.openFile(segments)).createReadStream({ autoClose: true });
      this.checkArgument(operation, key, rangeProblem(range));
      const { handle, start, end } = await this.#openRange(operation, key, segments, range);
      return handle.createReadStream({ autoClose: true, start, end });
    });
  }

  /**
   * The object copied into the file at `path`, checked against the MD5 its sidecar records and
   * renamed into place whole, with the result and the atomicity of storages.AwsS3Type's
   * (fs/copyToFile.ts). `concurrency`, `partSizeMiB` and `resume` are checked as there and have
   * nothing to do: the copy is one sequential read of a local file, never worth resuming. Not
   * among `functions`, as on S3: `path` is on the machine that runs the element.
   */
  downloadToFile(name: string, path: string, options: DownloadToFileOptions = {}): Promise<DownloadToFileResult> {
    const operation = 'downloadToFile';
    return this.#op(operation, name, async () => {
      const { key, segments } = this.#key(operation, name);
      this.checkArgument(operation, key, downloadToFileProblem(path, options));
      const source = await this.#tree.openFile(segments);
      try {
        const metaFolder = await this.#tree.readFolder(metaOf(segments.slice(0, -1))).catch(() => undefined);
        // The sidecar of this very file (matched against the open descriptor, not the path).
        const sidecar =
          metaFolder === undefined
            ? undefined
            : (await matchingSidecar(join(metaFolder, segments.at(-1) as string), () => source.stat())).record;
        const { size, md5 } = await copyToFile({
          source,
          path,
          expectedMd5: sidecar?.md5,
          fsync: this.#tree.fsync,
          onProgress: options.onProgress,
          fail: (failure) =>
            new StorageError({ ...failure, element: this.fullName, storageType: this.type, operation, key }),
        });
        await this.#tree.syncFolder(dirname(resolve(path)));
        return { path, size, etag: quote(md5) };
      } finally {
        await source.close();
      }
    });
  }

  getObject(name: string): Promise<ObjectInfo> {
    const operation = 'getObject';
    return this.#op(operation, name, async () => {
      const { key, segments } = this.#key(operation, name);
      const { stat, md5, fields } = await this.#describe(segments);
      return {
        key,
        size: stat.size,
        contentType: fields.contentType,
        etag: quote(md5),
        lastModified: new Date(stat.mtime.getTime()),
        metadata: { ...fields.metadata },
        storageClass: fields.storageClass,
      };
    });
  }

  /** A missing key counts as deleted, as on S3. Folders left empty are removed. */
  delete(name: string): Promise<DeleteResult> {
    const operation = 'delete';
    return this.#op(operation, name, async () => {
      const { key, stored, segments } = this.#key(operation, name);
      await this.#locked([stored], () => this.#remove(segments));
      return { key, deleted: true as const };
    });
  }

  /** False only when nothing is stored there; a link on the way is ACCESS_DENIED, never false. */
  exists(name: string): Promise<boolean> {
    const operation = 'exists';
    return this.#op(operation, name, () => this.#tree.isFile(this.#key(operation, name).segments));
  }

  /**
   * Keys under `prefix` (a string prefix, as on S3) in the byte order of their UTF-8 forms,
   * grouped by `delimiter`, a page of `limit` at a time (items and prefixes together).
   */
  list(prefix = '', options: ListOptions = {}): Promise<ListResult> {
    const operation = 'list';
    return this.#op(operation, prefix || undefined, async () => {
      const limit = this.checkList(operation, prefix, options);
      const { cursor, delimiter } = options;
      const scope: ListingScope = { element: this.fullName, prefix: this.#stored(prefix), delimiter };
      const after = this.listPosition(operation, prefix, cursor, (given) => fromListCursor(scope, given));
      let root: string;
      try {
        root = await this.#tree.root(false);
        // The folder the walk starts in, checked like any other: no link on its way.
        const start = scope.prefix.slice(0, scope.prefix.lastIndexOf('/') + 1);
        if (start !== '') await this.#tree.readFolder(start.slice(0, -1).split('/'));
      } catch (error) {
        if (error instanceof DiskFault && error.code === ErrorCode.NOT_FOUND) {
          return { items: [], prefixes: [], nextCursor: undefined };
        }
        throw error;
      }
      const found = await walkKeys({ root, prefix: scope.prefix, delimiter, after, want: limit + 1 });
      const page = found.slice(0, limit);
      const last = page.at(-1);
      const items = await this.#listItems(page.flatMap((entry) => (entry.kind === 'key' ? [entry.key] : [])));
      return {
        items,
        prefixes: page.flatMap((entry) => (entry.kind === 'prefix' ? [this.#unstored(entry.prefix)] : [])),
        nextCursor:
          found.length > limit && last !== undefined
            ? toListCursor(scope, last.kind === 'key' ? last.key : last.prefix)
            : undefined,
      };
    });
  }

  /**
   * Copies bytes, content type and metadata to a new key (written atomically, as uploads are);
   * with `options.ifNoneMatch` / `options.ifMatch`, only if the target's conditions hold.
   */
  copy(from: string, to: string, options: CopyOptions = {}): Promise<CopyResult> {
    const operation = 'copy';
    return this.#op(operation, from, async () => {
      const source = this.#key(operation, from, 'from');
      const target = this.#key(operation, to, 'to');
      this.checkArgument(operation, source.key, copyOptionsProblem(options));
      const { fields } = await this.#describe(source.segments);
      const handle = await this.#tree.openFile(source.segments);
      let written: Written;
      try {
        const stream = handle.createReadStream({ autoClose: false });
        written = await this.#write(target.segments, { kind: 'stream', stream }, fields, undefined, options).catch(
          (error: unknown) => {
            // A failed condition is the target's: its CONFLICT names the target's key.
            const failed = error instanceof DiskFault && error.code === ErrorCode.CONFLICT && hasConditions(options);
            throw failed ? this.toStorageError(operation, target.key, error) : error;
          },
        );
      } finally {
        await handle.close();
      }
      return { from: source.key, to: target.key, etag: quote(written.md5) };
    });
  }

  /** A rename: atomic for the bytes, which never exist twice or not at all. */
  move(from: string, to: string): Promise<CopyResult> {
    const operation = 'move';
    return this.#op(operation, from, async () => {
      const source = this.#key(operation, from, 'from');
      const target = this.#key(operation, to, 'to');
      if (source.stored !== target.stored) {
        await this.#locked([source.stored, target.stored], () => this.#rename(source.segments, target.segments));
      }
      const { md5 } = await this.#describe(target.segments);
      return { from: source.key, to: target.key, etag: quote(md5) };
    });
  }

  /** One result per name, in order; every name is checked before anything is deleted. */
  deleteMany(names: readonly string[]): Promise<DeleteManyItem[]> {
    const operation = 'deleteMany';
    return this.#op(operation, undefined, async () => {
      if (!Array.isArray(names))
        throw this.invalidArgument(operation, undefined, 'names', 'names must be an array of keys');
      const keys = names.map((name, i) => this.#key(operation, name, `names[${i}]`).key);
      const results: DeleteManyItem[] = [];
      for (let i = 0; i < keys.length; i += DELETE_PARALLEL) {
        results.push(
          ...(await Promise.all(
            keys.slice(i, i + DELETE_PARALLEL).map((key) =>
              this.delete(key).then(
                (): DeleteManyItem => ({ key, deleted: true }),
                (error: unknown): DeleteManyItem => {
                  const failure = this.toStorageError(operation, key, error);
                  return { key, deleted: false, error: { code: failure.code, message: failure.message } };
                },
              ),
            ),
          )),
        );
      }
      return results;
    });
  }

  /** A URL that `mti serve` answers with the object, as `contentType`, until it expires. */
  getSignUrl(file: string, contentType: string, expires = 300): Promise<string> {
    const operation = 'getSignUrl';
    return this.#op(operation, file, async () => this.#signedUrl(operation, 'GET', file, contentType, expires));
  }

  /** A URL that `mti serve` stores a PUT body at, as `contentType`; send `headers` with it. */
  getSignUploadUrl(file: string, contentType: string, expires = 300): Promise<SignedUpload> {
    const operation = 'getSignUploadUrl';
    return this.#op(operation, file, async () =>
      signedUpload(this.#signedUrl(operation, 'PUT', file, contentType, expires), contentType),
    );
  }

  /**
   * A browser upload form that `mti serve` answers: POST it (multipart/form-data, the fields
   * before the file) to `url`; the file is stored at the key as `contentType` if its size is
   * within `minBytes`–`maxBytes`, and nothing of it is kept otherwise. Signed as the signed URLs
   * are (form/formSignature.ts).
   */
  getSignUploadForm(file: string, contentType: string, options: UploadFormOptions): Promise<SignedUploadForm> {
    const operation = 'getSignUploadForm';
    return this.#op(operation, file, async () => {
      const { key } = this.#key(operation, file, 'file');
      this.#check(operation, key, 'contentType', headerValueProblem(contentType));
      this.checkArgument(operation, key, uploadFormProblem(options));
      const secret = this.#signingSecret(operation, key);
      const { maxBytes, minBytes = 0, expires = 300 } = options;
      const policy: FormPolicy = {
        element: this.fullName,
        key,
        contentType,
        minBytes,
        maxBytes,
        expiresAt: Math.floor(Date.now() / 1000) + expires,
      };
      return {
        url: this.#signedPath(key),
        method: 'POST' as const,
        fields: formFields(policy, signFormPolicy(secret, policy)),
      };
    });
  }

  /**
   * Checks a form POSTed to this element's signed path, for `mti serve`: the signature (in
   * constant time) over the key, the Content-Type field, the size bounds and the expiry. Answers
   * where to store the file and within which sizes; anything else is ACCESS_DENIED. Not among
   * `functions`: the gateway calls it, callers never need to.
   */
  verifySignedForm(request: SignedFormRequest): Promise<VerifiedForm> {
    const operation = 'verifySignedForm';
    const name = typeof request?.key === 'string' ? request.key : undefined;
    return this.#op(operation, name, async () => {
      const { deny, secret } = this.#verifier(operation, name, 'signed form');
      const { key } = this.#key(operation, request.key, 'key');
      const claimed = readFormPolicy(this.fullName, key, request.fields ?? {});
      if (typeof claimed === 'string') throw deny(claimed);
      const { policy, signature } = claimed;
      if (!formSignatureMatches(secret, policy, signature)) {
        throw deny(
          'the signature does not match: the form was signed for another key, Content-Type or size range, or changed',
        );
      }
      if (Date.now() / 1000 > policy.expiresAt) {
        throw deny(`the upload form expired at ${new Date(policy.expiresAt * 1000).toISOString()}`);
      }
      return { key, contentType: policy.contentType, minBytes: policy.minBytes, maxBytes: policy.maxBytes };
    });
  }

  /** The object's address without a signature: on `publicBaseUrl` when set, else a file: URL. */
  getUrl(name: string): string {
    return this.#objectUrl(this.#key('getUrl', name).stored);
  }

  /**
   * Checks a request on one of this element's signed URLs, for `mti serve`: the signature (in
   * constant time), the expiry, and for a PUT the Content-Type. Answers what to serve or store
   * and as which type; anything else is ACCESS_DENIED. Not among `functions`: the gateway calls
   * it, callers never need to.
   */
  verifySignedRequest(request: SignedRequest): Promise<VerifiedRequest> {
    const operation = 'verifySignedRequest';
    const name = typeof request?.key === 'string' ? request.key : undefined;
    return this.#op(operation, name, async () => {
      const { deny, secret } = this.#verifier(operation, name, 'signed URL');
      const method = String(request.method).toUpperCase();
      if (method !== 'GET' && method !== 'PUT') throw deny(`signed URLs answer GET and PUT, not ${method}`);
      const { key } = this.#key(operation, request.key, 'key');
      const { expires, type, signature } = request.query ?? {};
      if (
        typeof expires !== 'string' ||
        !/^\d{1,12}$/.test(expires) ||
        typeof type !== 'string' ||
        typeof signature !== 'string'
      ) {
        throw deny('not a signed URL: expires, type and signature are needed');
      }
      const expiresAt = Number(expires);
      const fields = { method: method as SignedMethod, element: this.fullName, key, contentType: type, expiresAt };
      if (!signatureMatches(secret, fields, signature)) {
        throw deny('the signature does not match: the URL was changed, or signed for another method or secret');
      }
      if (Date.now() / 1000 > expiresAt) {
        throw deny(`the signed URL expired at ${new Date(expiresAt * 1000).toISOString()}`);
      }
      if (method === 'PUT' && request.contentType?.trim() !== type) {
        throw deny(`a signed PUT must send the Content-Type it was signed for (${type})`);
      }
      return { key, contentType: type };
    });
  }

  protected override describeError(error: unknown, _key: string | undefined): ErrorDescription {
    if (error instanceof DiskFault) return { code: error.code, detail: error.message };
    const errno = errnoOf(error);
    switch (errno) {
      case 'ENOENT':
      case 'ENOTDIR':
        return { code: ErrorCode.NOT_FOUND, detail: 'no such object' };
      case 'EACCES':
      case 'EPERM':
        return { code: ErrorCode.ACCESS_DENIED, detail: `the file system refused access under rootDir (${errno})` };
      case 'ELOOP':
        return { code: ErrorCode.ACCESS_DENIED, detail: 'the path passes through a symbolic link (ELOOP)' };
      case 'EISDIR':
      case 'EEXIST':
      case 'ENOTEMPTY':
        return { code: ErrorCode.CONFLICT, detail: `a file or folder under rootDir is in the way (${errno})` };
      case 'ENAMETOOLONG':
        return { code: ErrorCode.INVALID_ARGUMENT, detail: 'the path is too long for the file system' };
      case 'ENOSPC':
      case 'EDQUOT':
      case 'EROFS':
      case 'EMFILE':
      case 'ENFILE':
      case 'EBUSY':
      case 'EAGAIN':
      case 'EIO':
        return { code: ErrorCode.UNAVAILABLE, detail: `the file system cannot take this now (${errno})` };
      default:
        return { code: ErrorCode.UNKNOWN, detail: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Runs one operation as `run` does, with one `mti:disk` debug line: operation, key, status, ms. */
  #op<T>(operation: string, name: unknown, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const key = typeof name === 'string' ? name : undefined;
    const line = (status: string): void =>
      log.debug(
        { element: this.fullName, operation, key, status, ms: Math.round((performance.now() - started) * 10) / 10 },
        operation,
      );
    return this.reportSettled(this.run(operation, key, work), line);
  }

  /**
   * The file opened for `range` (its shape already checked), with the range's first and last
   * byte: the size is the open file's, so a write renamed over it meanwhile changes nothing. A
   * `start` past the end is INVALID_ARGUMENT on `range`; an `end` past it stops at the last byte.
   */
  async #openRange(
    operation: string,
    key: string,
    segments: string[],
    range: ByteRange,
  ): Promise<{ handle: FileHandle; start: number; end: number }> {
    const handle = await this.#tree.openFile(segments);
    try {
      const { size } = await handle.stat();
      this.checkArgument(operation, key, rangeProblem(range, size));
      return { handle, start: range.start, end: Math.min(range.end ?? size - 1, size - 1) };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** Checks a key by `storages.Meta`'s rules and the disk's own; the path under rootDir. */
  #key(operation: string, name: unknown, field = 'name'): DiskKey {
    const key = this.checkKey(operation, name, field);
    this.#check(operation, key, field, diskKeyProblem(key), field);
    const stored = this.#stored(key);
    return { key, stored, segments: stored.split('/') };
  }

  #stored(key: string): string {
    return this.config.prefix === undefined ? key : `${this.config.prefix}/${key}`;
  }

  #unstored(stored: string): string {
    return this.config.prefix === undefined ? stored : stored.slice(this.config.prefix.length + 1);
  }

  #check(operation: string, key: string | undefined, field: string, problem: string | undefined, label = field): void {
    if (problem !== undefined) throw this.invalidArgument(operation, key, field, `${label} ${problem}`);
  }

  #objectUrl(stored: string): string {
    const base = this.config.publicBaseUrl;
    if (base !== undefined) return `${base.replace(/\/+$/, '')}/${encodeKey(stored)}`;
    return pathToFileURL(join(this.rootDir, stored)).href;
  }

  #signedUrl(operation: string, method: SignedMethod, file: string, contentType: string, expires: number): string {
    const { key } = this.#key(operation, file, 'file');
    this.#check(operation, key, 'contentType', headerValueProblem(contentType));
    this.#check(operation, key, 'expires', expiresProblem(expires));
    const secret = this.#signingSecret(operation, key);
    const expiresAt = Math.floor(Date.now() / 1000) + expires;
    const signature = sign(secret, { method, element: this.fullName, key, contentType, expiresAt });
    const query = new URLSearchParams({ expires: String(expiresAt), type: contentType, signature });
    return `${this.#signedPath(key)}?${query.toString()}`;
  }

  /** Where `mti serve` answers this element's signed URLs and forms for `key`. */
  #signedPath(key: string): string {
    const base = this.config.signedBaseUrl.replace(/\/+$/, '');
    return `${base}/api/signed/${encodeURIComponent(this.fullName)}/${encodeKey(key)}`;
  }

  /** The secret to sign with; INVALID_CONFIG on `signingSecret` when the config has none. */
  #signingSecret(operation: string, key: string): string {
    const secret = this.config.signingSecret;
    if (secret === undefined) {
      throw new StorageError({
        code: ErrorCode.INVALID_CONFIG,
        element: this.fullName,
        storageType: this.type,
        operation,
        key,
        field: 'signingSecret',
        detail: 'signed URLs need signingSecret in the config (32 characters or more, e.g. `openssl rand -hex 32`)',
      });
    }
    return secret;
  }

  /**
   * What verifySignedForm and verifySignedRequest both start with, kept in one place so the two
   * checks deny alike: their ACCESS_DENIED builder, and the secret to check with. With no
   * signingSecret the element signed nothing, so what is presented (`what`: a signed form, a
   * signed URL) is denied, where signing without one is INVALID_CONFIG (#signingSecret).
   */
  #verifier(
    operation: string,
    name: string | undefined,
    what: string,
  ): { deny: (detail: string) => StorageError; secret: string } {
    const deny = (detail: string): StorageError =>
      new StorageError({
        code: ErrorCode.ACCESS_DENIED,
        element: this.fullName,
        storageType: this.type,
        operation,
        key: name,
        detail,
      });
    const secret = this.config.signingSecret;
    if (secret === undefined) throw deny(`this element has no signingSecret, so it answers no ${what}`);
    return { deny, secret };
  }

  #objectFields(operation: string, key: string, contentType: string, options: UploadOptions): ObjectFields {
    // Any storage class a header can carry: the disk keeps it as a label and stores alike.
    this.checkArgument(operation, key, uploadOptionsProblem(options, headerValueProblem));
    const { storageClass, metadata, cacheControl, contentDisposition } = options;
    return {
      contentType,
      metadata: { ...metadata },
      storageClass: storageClass ?? DEFAULT_STORAGE_CLASS,
      ...(cacheControl === undefined ? {} : { cacheControl }),
      ...(contentDisposition === undefined ? {} : { contentDisposition }),
    };
  }

  /**
   * Writes an object: the bytes to a temporary file beside the target and the sidecar to one
   * beside its own, both flushed; then, under the key's lock, the bytes are renamed into place
   * and the sidecar after them. A failure before the rename leaves the old object as it was.
   * With `conditions`, they are checked before any byte is written and again when the bytes are
   * put in place (conditional/commitConditional.ts); a failed one leaves nothing behind.
   */
  async #write(
    segments: string[],
    body: UploadBody,
    fields: ObjectFields,
    onProgress: ((progress: UploadProgress) => void) | undefined,
    conditions: WriteConditions = {},
  ): Promise<Written> {
    const conditional = hasConditions(conditions);
    const currentEtag = () =>
      this.#describe(segments).then(
        ({ md5 }) => quote(md5),
        (error: unknown) => {
          if (error instanceof DiskFault && error.code === ErrorCode.NOT_FOUND) return undefined;
          throw error;
        },
      );
    if (conditional) await checkConditionsEarly(conditions, currentEtag);
    const parent = segments.slice(0, -1);
    const temp = await this.#tree.createTemp(parent);
    let written: Written;
    try {
      try {
        written = await writeBody(temp.handle, body, this.#tree.fsync, onProgress);
      } finally {
        await temp.handle.close();
      }
    } catch (error) {
      await this.#tree.discard(temp.path);
      throw error;
    }
    let metaTemp: string;
    try {
      metaTemp = await this.#writeSidecarTemp(parent, JSON.stringify(sidecarFor(written.stat, written.md5, fields)));
    } catch (error) {
      await this.#tree.discard(temp.path);
      throw error;
    }
    await this.#locked([segments.join('/')], async () => {
      try {
        if (conditional) await commitConditional(this.#tree, temp.path, segments, conditions, currentEtag);
        else await this.#tree.commit(temp.path, segments);
      } catch (error) {
        await this.#tree.discard(temp.path);
        await this.#tree.discard(metaTemp);
        throw error;
      }
      await this.#commitSidecar(metaTemp, segments);
    });
    return written;
  }

  /**
   * The sidecar's temporary file, in the sidecar tree's folder for `parent`. The object's folder
   * exists by now (its temporary file is in it), so a file in the way in the sidecar tree is a
   * sidecar left behind by an object removed outside mti: removed, and the folder made.
   */
  async #writeSidecarTemp(parent: string[], text: string): Promise<string> {
    const metaParent = metaOf(parent);
    let temp: Awaited<ReturnType<DiskTree['createTemp']>>;
    try {
      temp = await this.#tree.createTemp(metaParent);
    } catch (error) {
      if (!(error instanceof DiskFault && error.code === ErrorCode.CONFLICT)) throw error;
      const root = await this.#tree.root(true);
      for (let depth = 2; depth <= metaParent.length; depth++) {
        const path = join(root, ...metaParent.slice(0, depth));
        const stat = await lstat(path).catch(() => undefined);
        if (stat !== undefined && !stat.isDirectory()) await unlink(path);
      }
      temp = await this.#tree.createTemp(metaParent);
    }
    try {
      await temp.handle.writeFile(text, 'utf8');
      if (this.#tree.fsync) await temp.handle.sync();
    } catch (error) {
      await temp.handle.close().catch(() => undefined);
      await this.#tree.discard(temp.path);
      throw error;
    }
    await temp.handle.close();
    return temp.path;
  }

  /** Renames a sidecar into place; a folder in the way is one left behind by objects removed outside mti. */
  async #commitSidecar(metaTemp: string, segments: string[]): Promise<void> {
    try {
      await this.#tree.commit(metaTemp, metaOf(segments));
    } catch (error) {
      if (!(error instanceof DiskFault && error.code === ErrorCode.CONFLICT)) {
        await this.#tree.discard(metaTemp);
        throw error;
      }
      await rm(join(await this.#tree.root(true), ...metaOf(segments)), { recursive: true, force: true });
      await this.#tree.commit(metaTemp, metaOf(segments)).catch(async (again: unknown) => {
        await this.#tree.discard(metaTemp);
        throw again;
      });
    }
  }

  /** The object's stat, MD5 and fields: from its sidecar when that matches the file, else from the file. */
  async #describe(segments: string[]): Promise<Described> {
    const parent = segments.slice(0, -1);
    const name = segments.at(-1) as string;
    const metaFolder = await this.#tree.readFolder(metaOf(parent)).catch(() => undefined);
    const statFile = () => this.#tree.statFile(segments);
    if (metaFolder !== undefined) {
      const { stat, record } = await matchingSidecar(join(metaFolder, name), statFile);
      if (record !== undefined) {
        const { contentType, metadata, storageClass, cacheControl, contentDisposition } = record;
        const fields: ObjectFields = { contentType, metadata, storageClass };
        if (cacheControl !== undefined) fields.cacheControl = cacheControl;
        if (contentDisposition !== undefined) fields.contentDisposition = contentDisposition;
        return { stat, md5: record.md5, fields };
      }
    }
    const handle = await this.#tree.openFile(segments);
    try {
      const stat = await handle.stat();
      return {
        stat,
        md5: await md5OfHandle(handle),
        fields: { contentType: 'application/octet-stream', metadata: {}, storageClass: DEFAULT_STORAGE_CLASS },
      };
    } finally {
      await handle.close();
    }
  }

  async #listItems(storedKeys: string[]): Promise<ListItem[]> {
    const items: Array<ListItem | undefined> = [];
    for (let i = 0; i < storedKeys.length; i += DESCRIBE_PARALLEL) {
      items.push(
        ...(await Promise.all(
          storedKeys.slice(i, i + DESCRIBE_PARALLEL).map((stored) =>
            this.#describe(stored.split('/')).then(
              ({ stat, md5, fields }): ListItem => ({
                key: this.#unstored(stored),
                size: stat.size,
                etag: quote(md5),
                lastModified: new Date(stat.mtime.getTime()),
                storageClass: fields.storageClass,
              }),
              (error: unknown) => {
                // Removed since the walk saw it: not on the page.
                if (error instanceof DiskFault && error.code === ErrorCode.NOT_FOUND) return undefined;
                throw error;
              },
            ),
          ),
        )),
      );
    }
    return items.filter((item): item is ListItem => item !== undefined);
  }

  /** Removes an object and its sidecar (under the key's lock), then the folders left empty. */
  async #remove(segments: string[]): Promise<void> {
    const root = await this.#tree.root(false).catch((error: unknown) => {
      if (error instanceof DiskFault && error.code === ErrorCode.NOT_FOUND) return undefined;
      throw error;
    });
    if (root === undefined) return;
    const parent = segments.slice(0, -1);
    if (await this.#tree.isFile(segments)) {
      await unlink(join(root, ...segments)).catch((error: unknown) => {
        if (errnoOf(error) !== 'ENOENT') throw error;
      });
      await this.#tree.syncFolder(join(root, ...parent));
    }
    await this.#removeSidecar(segments);
    await this.#tree.prune(parent);
    await this.#tree.prune(metaOf(parent), 1);
  }

  async #removeSidecar(segments: string[]): Promise<void> {
    const metaFolder = await this.#tree.readFolder(metaOf(segments.slice(0, -1))).catch(() => undefined);
    if (metaFolder === undefined) return;
    const path = join(metaFolder, segments.at(-1) as string);
    const stat = await lstat(path).catch(() => undefined);
    if (stat !== undefined && !stat.isDirectory()) await unlink(path).catch(() => undefined);
  }

  /** move's work, under both keys' locks: the file renamed, then its sidecar. */
  async #rename(from: string[], to: string[]): Promise<void> {
    const root = await this.#tree.root(false);
    await this.#tree.statFile(from);
    await this.#tree.writeFolder(to.slice(0, -1));
    await this.#tree.commit(join(root, ...from), to);
    const metaFolder = await this.#tree.readFolder(metaOf(from.slice(0, -1))).catch(() => undefined);
    const sidecar = metaFolder === undefined ? undefined : join(metaFolder, from.at(-1) as string);
    const moved =
      sidecar !== undefined &&
      (await lstat(sidecar).then(
        (stat) => stat.isFile(),
        () => false,
      ));
    if (moved) {
      await this.#tree.writeFolder(metaOf(to.slice(0, -1)));
      await this.#commitSidecar(sidecar, to);
    } else {
      await this.#removeSidecar(to);
    }
    await this.#tree.prune(from.slice(0, -1));
    await this.#tree.prune(metaOf(from.slice(0, -1)), 1);
  }

  /** Runs `work` holding the in-process locks of these stored keys (taken in sorted order). */
  async #locked<T>(storedKeys: string[], work: () => Promise<T>): Promise<T> {
    const releases: Array<() => void> = [];
    for (const name of [...new Set(storedKeys)].sort()) releases.push(await this.#acquire(name));
    try {
      return await work();
    } finally {
      for (const release of releases.reverse()) release();
    }
  }

  #acquire(name: string): Promise<() => void> {
    const previous = this.#locks.get(name) ?? Promise.resolve();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const chained = previous.then(() => held);
    this.#locks.set(name, chained);
    return previous.then(() => () => {
      release();
      if (this.#locks.get(name) === chained) this.#locks.delete(name);
    });
  }
}
