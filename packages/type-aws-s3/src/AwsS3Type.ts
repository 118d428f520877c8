import type { Readable } from 'node:stream';
import type { CopyObjectCommand, CopyObjectCommandInput, HeadObjectCommandOutput, S3Client } from '@aws-sdk/client-s3';
import {
  argumentProblem,
  copyOptionsProblem,
  downloadOptionsProblem,
  downloadToFileProblem,
  ErrorCode,
  expiresProblem,
  hasConditions,
  headerValueProblem,
  type OperationTrace,
  operationTrace,
  optionalStorageFunctions,
  rangeProblem,
  REDACTED,
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
  type ListOptions,
  type ListResult,
  type ObjectInfo,
  type SignedUpload,
  type SignedUploadForm,
  type UploadData,
  type UploadFormOptions,
  type UploadOptions,
  type UploadResult,
  type WriteConditions,
  type z,
} from '@mti/core';
import { acquireClient } from './client/acquireClient';
import { clientSettings } from './client/clientSettings';
import type { S3ClientFactory } from './client/S3ClientFactory';
import { asPreconditionFailure } from './conditional/asPreconditionFailure';
import { checkConditions } from './conditional/checkConditions';
import { conditionParams } from './conditional/conditionParams';
import { PreconditionFailure } from './conditional/PreconditionFailure';
import { type AwsS3Config, awsS3ConfigSchema, partSizeBytes } from './config/awsS3ConfigSchema';
import { resolveEndpoint } from './config/resolveEndpoint';
import { storageClasses } from './config/storageClasses';
import { diagnoseHeadFailure } from './diagnosis/diagnoseHeadFailure';
import { downloadToFileCode } from './download/downloadToFileCode';
import { describeS3Error } from './errors/describeS3Error';
import { missingBucket } from './errors/missingBucket';
import { signUploadForm } from './form/signUploadForm';
import { bodyMd5 } from './io/bodyMd5';
import { guardBody } from './io/guardBody';
import { objectInfo } from './io/objectInfo';
import { encodeKey, objectUrlBase } from './io/objectUrl';
import { type CheckedRange, rangedBody } from './io/rangedBody';
import { readBody } from './io/readBody';
import { quoteEtag } from './io/quoteEtag';
import { PrefixedKeys } from './keys/PrefixedKeys';
import { fromListCursor, type ListingScope, toListCursor } from './list/listCursor';
import { putParams } from './put/putParams';
import { storageParams } from './put/storageParams';
import { s3, signer } from './sdk/awsSdk';
import { PendingAborts } from './upload/PendingAborts';
import { uploadObject } from './upload/uploadObject';

const DELETE_BATCH = 1000;

/**
 * `storages.AwsS3Type`: the seed's storage methods on Amazon S3 and S3-compatible servers.
 * Teams extend this class to add their own rules and call `super` for the S3 work.
 */
export class AwsS3Type extends StorageMeta<AwsS3Config> {
  /**
   * Typed by what it produces, so a Type for another S3 service (storages.MinioType,
   * storages.CloudflareR2Type) can bring its own fields, defaults and rules.
   */
  static readonly configSchema: z.ZodType<AwsS3Config> = awsS3ConfigSchema;
  static readonly secretFields: readonly string[] = ['accessKeySecret', 'sessionToken'];
  /** Beyond the seed's five (inherited from storages.Meta). */
  static override readonly functions: ElementFunctions = { ...optionalStorageFunctions };

  /**
   * Builds this Type's clients instead of the shared pool (see S3ClientFactory). Set it on a
   * class that extends this one; undefined, the default, shares pooled clients.
   */
  static clientFactory: S3ClientFactory | undefined = undefined;

  /**
   * The storage classes this Type's server takes, checked before a request is sent (an upload's
   * `storageClass` option). S3's whole list here; a Type for another server narrows it, together
   * with its config schema's `storageClass`.
   */
  static readonly storageClasses: readonly string[] = storageClasses;

  readonly #client: S3Client;
  readonly #releases: Array<() => void> = [];
  #signer: S3Client | undefined;
  readonly #pendingAborts: PendingAborts;
  readonly #keys: PrefixedKeys;
  #urlBase: string | undefined;
  /** Whether the endpoint is AWS's, which takes quoted ETags in If-Match (see #conditionParams). */
  #aws: boolean | undefined;
  /** The server takes only the storage classes its Type names. */
  readonly #storageClassProblem = (storageClass: string): string | undefined => {
    const allowed = (this.constructor as typeof AwsS3Type).storageClasses;
    return allowed.includes(storageClass) ? undefined : `must be one of ${allowed.join(', ')}`;
  };
  /** Set only while `mti:s3` is on when the element is built: one debug line per operation. */
  readonly #trace: OperationTrace | undefined;

  constructor(context: ElementContext<AwsS3Config>) {
    super(context);
    const { client, release } = acquireClient(clientSettings(this.config), this.#clientFactory(), 'requests');
    this.#client = client;
    this.#releases.push(release);
    this.#pendingAborts = new PendingAborts(client, this.logger);
    this.#keys = new PrefixedKeys(this.config.prefix);
    this.#trace = operationTrace('mti:s3', this.fullName);
    this.logger.debug(
      {
        endPoint: this.config.endPoint,
        region: this.config.region,
        bucket: this.config.bucketName,
        credentials: this.config.accessKeyId === undefined ? 'default chain' : REDACTED,
      },
      'S3 client ready',
    );
  }

  /** The underlying S3 client, for Types that extend this one with calls it does not wrap. */
  protected get client(): S3Client {
    return this.#client;
  }

  /** The bucket this element stores into. */
  get bucket(): string {
    return this.config.bucketName;
  }

  async uploadByFile(
    name: string,
    data: UploadData,
    contentType = 'application/octet-stream',
    options: UploadOptions = {},
  ): Promise<UploadResult> {
    const operation = 'uploadByFile';
    const { key, s3Key } = this.#key(operation, name);
    this.checkArgument(operation, key, argumentProblem('contentType', headerValueProblem(contentType)));
    const body = this.uploadBody(operation, key, data);
    this.checkArgument(operation, key, uploadOptionsProblem(options, this.#storageClassProblem));
    const params = { ...putParams(this.config, s3Key, contentType, options), ...this.#conditionParams(options) };
    const conditional = hasConditions(options);
    const upload = () =>
      uploadObject({
        client: this.#client,
        params,
        body,
        partSize: partSizeBytes(this.config),
        queueSize: this.config.multipart.queueSize,
        onProgress: options.onProgress,
        invalidData: (detail) => this.invalidArgument(operation, key, 'data', detail),
        abandon: (uploadId) => this.#abandon(s3Key, uploadId),
        // A conditional write in parts is checked before its parts are sent (checkConditions),
        // and again by the server when it completes.
        ...(conditional ? { beforeParts: () => this.#checkConditions(options, s3Key) } : {}),
      });
    return this.run(
      operation,
      key,
      conditional
        ? () => upload().catch((error: unknown) => Promise.reject(asPreconditionFailure(error, options, 'put')))
        : upload,
      ({ etag, size }) => ({
        url: this.#objectUrl(s3Key),
        key,
        bucket: this.config.bucketName,
        etag: quoteEtag(etag),
        size,
        contentType,
        storageClass: params.StorageClass ?? this.config.storageClass,
      }),
    );
  }

  async getSignUrl(file: string, contentType: string, expires = 300): Promise<string> {
    const operation = 'getSignUrl';
    const { key, s3Key } = this.#key(operation, file, 'file');
    this.checkArgument(operation, key, argumentProblem('contentType', headerValueProblem(contentType)));
    this.checkArgument(operation, key, argumentProblem('expires', expiresProblem(expires)));
    return this.run(
      operation,
      key,
      () =>
        signer().getSignedUrl(
          this.#signingClient(),
          new (s3().GetObjectCommand)({ Bucket: this.bucket, Key: s3Key, ResponseContentType: contentType }),
          { expiresIn: expires },
        ),
      (url) => this.#presigned(operation, key, url),
    );
  }

  /** A presigned PUT for uploads straight from a browser; send `headers` with it. */
  async getSignUploadUrl(file: string, contentType: string, expires = 300): Promise<SignedUpload> {
    const operation = 'getSignUploadUrl';
    const { key, s3Key } = this.#key(operation, file, 'file');
    this.checkArgument(operation, key, argumentProblem('contentType', headerValueProblem(contentType)));
    this.checkArgument(operation, key, argumentProblem('expires', expiresProblem(expires)));
    const params = putParams(this.config, s3Key, contentType, {});
    return this.run(operation, key, async () =>
      signedUpload(
        this.#presigned(
          operation,
          key,
          await signer().getSignedUrl(this.#signingClient(), new (s3().PutObjectCommand)(params), {
            expiresIn: expires,
            // Signed, so the uploader cannot store the object under another type.
            signableHeaders: new Set(['content-type']),
          }),
        ),
        contentType,
      ),
    );
  }

  /**
   * A browser upload form limited in size: a presigned POST whose policy holds the key, the
   * Content-Type, `minBytes`–`maxBytes` and the expiry (form/signUploadForm.ts). The server refuses
   * a file outside it before storing anything.
   */
  async getSignUploadForm(file: string, contentType: string, options: UploadFormOptions): Promise<SignedUploadForm> {
    const operation = 'getSignUploadForm';
    const { key, s3Key } = this.#key(operation, file, 'file');
    this.checkArgument(operation, key, argumentProblem('contentType', headerValueProblem(contentType)));
    this.checkArgument(operation, key, uploadFormProblem(options));
    if (s3Key.includes('${filename}')) {
      // S3 puts the uploaded file's own name in place of ${filename} in a POST's key.
      throw this.invalidArgument(
        operation,
        key,
        'file',
        'file must not hold "${filename}", which a POST upload replaces with the name of the file sent',
      );
    }
    const { maxBytes, minBytes = 0, expires = 300 } = options;
    return this.run(operation, key, async () => {
      const form = await signUploadForm(this.#signingClient(), {
        bucket: this.bucket,
        s3Key,
        contentType,
        minBytes,
        maxBytes,
        expires,
        storage: storageParams(this.config),
      });
      this.#refuseSessionToken(operation, key, form.fields['X-Amz-Security-Token'] !== undefined);
      return form;
    });
  }

  /** The object's address without a signature: on `publicBaseUrl` when set, else on the endpoint. */
  getUrl(name: string): string {
    return this.#objectUrl(this.#key('getUrl', name).s3Key);
  }

  /** The object's bytes; with `options.range`, those bytes only (`end` included). */
  download(name: string, options: DownloadOptions = {}): Promise<Buffer> {
    const operation = 'download';
    const names = this.#keyOrRejection(operation, name);
    if (names instanceof Promise) return names;
    const problem = downloadOptionsProblem(options);
    if (problem !== undefined)
      return Promise.reject(this.invalidArgument(operation, names.key, problem.field, problem.detail));
    const { range } = options;
    if (range !== undefined) {
      return this.run(operation, names.key, () =>
        this.#getRange(operation, names.key, names.s3Key, range).then(({ body, length, md5 }) =>
          readBody(body, length, md5),
        ),
      );
    }
    // A promise chain rather than an async wrapper around the SDK call: each async frame was
    // measurable on small objects (docs/BENCHMARKS.md).
    return this.run(operation, names.key, () =>
      this.#client
        .send(this.#getObjectCommand(names.s3Key))
        .then((out) => readBody(out.Body as Readable, out.ContentLength, bodyMd5(out))),
    );
  }

  /**
   * The object as a stream, for files too large to hold in memory; with `range`, those bytes
   * only (`end` included). Checked as `download` is, as the bytes pass: a body that does not
   * match fails at its end instead of ending.
   */
  async downloadStream(name: string, range?: ByteRange): Promise<Readable> {
    const operation = 'downloadStream';
    const { key, s3Key } = this.#key(operation, name);
    if (range !== undefined) {
      this.checkArgument(operation, key, rangeProblem(range));
      const { body, length, md5 } = await this.run(operation, key, () => this.#getRange(operation, key, s3Key, range));
      return guardBody(body, length, md5, (error) => this.toStorageError(operation, key, error));
    }
    const out = await this.run(operation, key, () => this.#client.send(this.#getObjectCommand(s3Key)));
    return guardBody(out.Body as Readable, out.ContentLength, bodyMd5(out), (error) =>
      this.toStorageError(operation, key, error),
    );
  }

  /**
   * The object into the file at `path`: ranged GETs, `concurrency` at a time, each pinned to the
   * ETag a HeadObject found, written into a temp file beside `path` and renamed onto it once
   * whole and checked (download/downloadToFile.ts). With `resume`, a download interrupted by a
   * crash or a dropped connection continues from the parts already on disk if the object is
   * unchanged. Not among `functions`: `path` is on the machine that runs the element, which a
   * gateway's caller is not (`mti call … download --out` calls it in its own process).
   */
  async downloadToFile(name: string, path: string, options: DownloadToFileOptions = {}): Promise<DownloadToFileResult> {
    const operation = 'downloadToFile';
    const { key, s3Key } = this.#key(operation, name);
    this.checkArgument(operation, key, downloadToFileProblem(path, options));
    const { concurrency = 4, partSizeMiB = 8, onProgress, resume = false } = options;
    return this.run(operation, key, () =>
      downloadToFileCode().downloadToFile({
        endpoint: this.config.endPoint,
        bucket: this.bucket,
        s3Key,
        path,
        concurrency,
        partSize: partSizeMiB * 1024 * 1024,
        resume,
        attempts: this.config.maxAttempts,
        timeoutMs: this.config.timeoutMs,
        onProgress,
        head: () => this.#head(operation, key, s3Key),
        // Signed by the presigning client (no checksum parameters), anew for each part's request.
        presign: () =>
          signer().getSignedUrl(
            this.#signingClient(),
            new (s3().GetObjectCommand)({ Bucket: this.bucket, Key: s3Key }),
            { expiresIn: 900 },
          ),
        fail: (failure) =>
          new StorageError({ ...failure, element: this.fullName, storageType: this.type, operation, key }),
      }),
    );
  }

  getObject(name: string): Promise<ObjectInfo> {
    const operation = 'getObject';
    const names = this.#keyOrRejection(operation, name);
    if (names instanceof Promise) return names;
    return this.run(
      operation,
      names.key,
      () => this.#head(operation, names.key, names.s3Key),
      (out) => objectInfo(names.key, out),
    );
  }

  async delete(name: string): Promise<DeleteResult> {
    const operation = 'delete';
    const { key, s3Key } = this.#key(operation, name);
    return this.run(operation, key, async () => {
      await this.#client.send(new (s3().DeleteObjectCommand)({ Bucket: this.bucket, Key: s3Key }));
      return { key, deleted: true as const };
    });
  }

  /** False only for a missing object; a refused request is ACCESS_DENIED, never false. */
  async exists(name: string): Promise<boolean> {
    const operation = 'exists';
    const { key, s3Key } = this.#key(operation, name);
    return this.run(operation, key, () =>
      this.#client.send(this.#headObjectCommand(s3Key)).then(
        () => true,
        (error: unknown) => this.#explainHeadFailure(operation, key, error).then(() => false),
      ),
    );
  }

  async list(prefix = '', options: ListOptions = {}): Promise<ListResult> {
    const operation = 'list';
    const limit = this.checkList(operation, prefix, options);
    const { cursor, delimiter } = options;
    const scope: ListingScope = {
      endPoint: this.config.endPoint,
      bucket: this.bucket,
      prefix: this.#keys.toS3Key(prefix),
      delimiter,
    };
    const token = this.listPosition(operation, prefix, cursor, (given) => fromListCursor(scope, given));
    return this.run(operation, prefix || undefined, async () => {
      const out = await this.#client.send(
        new (s3().ListObjectsV2Command)({
          Bucket: this.bucket,
          Prefix: scope.prefix,
          MaxKeys: limit,
          ContinuationToken: token,
          Delimiter: delimiter,
        }),
      );
      return {
        items: (out.Contents ?? []).map((object) => ({
          key: this.#keys.fromS3Key(object.Key ?? ''),
          size: object.Size ?? 0,
          etag: quoteEtag(object.ETag),
          lastModified: object.LastModified,
          storageClass: object.StorageClass ?? 'STANDARD',
        })),
        prefixes: (out.CommonPrefixes ?? []).map((p) => this.#keys.fromS3Key(p.Prefix ?? '')),
        nextCursor:
          out.IsTruncated === true && out.NextContinuationToken !== undefined
            ? toListCursor(scope, out.NextContinuationToken)
            : undefined,
      };
    });
  }

  /**
   * Copies an object within the bucket; with `options.ifNoneMatch: '*'` only onto a key that holds
   * nothing, with `options.ifMatch` only over that version (CONFLICT otherwise). The conditions are
   * checked before the copy and sent with it, for the servers that check them there (AWS).
   */
  async copy(from: string, to: string, options: CopyOptions = {}): Promise<CopyResult> {
    const operation = 'copy';
    const source = this.#key(operation, from, 'from');
    const target = this.#key(operation, to, 'to');
    this.checkArgument(operation, source.key, copyOptionsProblem(options));
    const conditional = hasConditions(options);
    // A failed condition is the target's: its CONFLICT names the target's key.
    const targetConflict = (error: unknown): never => {
      const failed = asPreconditionFailure(error, options, 'copy');
      throw failed instanceof PreconditionFailure ? this.toStorageError(operation, target.key, failed) : failed;
    };
    return this.run(operation, source.key, async () => {
      if (conditional) await this.#checkConditions(options, target.s3Key).catch(targetConflict);
      const out = await this.#client
        .send(
          this.copyObjectCommand({
            Bucket: this.bucket,
            Key: target.s3Key,
            CopySource: `${this.bucket}/${encodeKey(source.s3Key)}`,
            ...storageParams(this.config),
            ...this.#conditionParams(options),
          }),
        )
        .catch(conditional ? targetConflict : (error: unknown) => Promise.reject(error));
      return { from: source.key, to: target.key, etag: quoteEtag(out.CopyObjectResult?.ETag) };
    });
  }

  /** Copy, then delete the source. Not atomic: S3 has no rename. */
  async move(from: string, to: string): Promise<CopyResult> {
    const operation = 'move';
    const source = this.#key(operation, from, 'from');
    const target = this.#key(operation, to, 'to');
    if (source.s3Key === target.s3Key) {
      const head = await this.run(operation, source.key, () => this.#head(operation, source.key, source.s3Key));
      return { from: source.key, to: target.key, etag: quoteEtag(head.ETag) };
    }
    const copied = await this.copy(source.key, target.key).catch((error: unknown) => {
      throw StorageError.is(error) ? this.toStorageError(operation, source.key, error.cause ?? error) : error;
    });
    await this.run(operation, source.key, () =>
      this.#client.send(new (s3().DeleteObjectCommand)({ Bucket: this.bucket, Key: source.s3Key })),
    );
    return copied;
  }

  /** DeleteObjects in batches of 1000; one result per name, in order. */
  async deleteMany(names: readonly string[]): Promise<DeleteManyItem[]> {
    const operation = 'deleteMany';
    if (!Array.isArray(names))
      throw this.invalidArgument(operation, undefined, 'names', 'names must be an array of keys');
    const keys = names.map((name, index) => this.#key(operation, name, `names[${index}]`));
    const unique = [...new Map(keys.map((k) => [k.s3Key, k])).values()];
    return this.run(operation, undefined, async () => {
      const results = new Map<string, DeleteManyItem>();
      for (let start = 0; start < unique.length; start += DELETE_BATCH) {
        const batch = unique.slice(start, start + DELETE_BATCH);
        const out = await this.#client.send(
          new (s3().DeleteObjectsCommand)({
            Bucket: this.bucket,
            Delete: { Objects: batch.map((k) => ({ Key: k.s3Key })), Quiet: false },
          }),
        );
        for (const deleted of out.Deleted ?? []) {
          const key = this.#keys.fromS3Key(deleted.Key ?? '');
          results.set(key, { key, deleted: true });
        }
        for (const failed of out.Errors ?? []) {
          const key = this.#keys.fromS3Key(failed.Key ?? '');
          const { code, detail } = describeS3Error({ name: failed.Code, message: failed.Message }, this.bucket);
          results.set(key, { key, deleted: false, error: { code, message: detail } });
        }
      }
      return keys.map(
        ({ key }): DeleteManyItem =>
          results.get(key) ?? {
            key,
            deleted: false,
            error: { code: ErrorCode.UNKNOWN, message: 'the server did not report this key' },
          },
      );
    });
  }

  override async dispose(): Promise<void> {
    await this.#pendingAborts.dispose();
    for (const release of this.#releases.splice(0)) release();
  }

  /** `run` with one `mti:s3` debug line when it settles; exactly `run` while debugging is off. */
  protected override run<T>(operation: string, key: string | undefined, work: () => Promise<T>): Promise<T>;
  protected override run<R, T>(
    operation: string,
    key: string | undefined,
    work: () => Promise<R>,
    map: (result: R) => T,
  ): Promise<T>;
  protected override run<R, T>(
    operation: string,
    key: string | undefined,
    work: () => Promise<R>,
    map?: (result: R) => T,
  ): Promise<R | T> {
    const trace = this.#trace;
    if (trace === undefined)
      return map === undefined ? super.run(operation, key, work) : super.run(operation, key, work, map);
    const started = performance.now();
    const pending: Promise<R | T> =
      map === undefined ? super.run(operation, key, work) : super.run(operation, key, work, map);
    return this.reportSettled(pending, (status) => trace(operation, key, status, performance.now() - started));
  }

  protected override describeError(error: unknown): ErrorDescription {
    return describeS3Error(error, this.bucket);
  }

  /**
   * The CopyObject command `copy` sends. A Type for a service that takes a copy's target
   * conditions under other names (Cloudflare R2: cf-copy-destination-if-*) overrides this.
   */
  protected copyObjectCommand(input: CopyObjectCommandInput): CopyObjectCommand {
    return new (s3().CopyObjectCommand)(input);
  }

  #key(operation: string, name: unknown, field = 'name'): { key: string; s3Key: string } {
    const key = this.checkKey(operation, name, field);
    const s3Key = this.#keys.toS3Key(key);
    const tooLong = this.#keys.lengthProblem(field, s3Key);
    if (tooLong !== undefined) throw this.invalidArgument(operation, key, field, tooLong);
    return { key, s3Key };
  }

  /**
   * `#key` for the methods that are not async (download, getObject: an async method returning a
   * promise costs two more microtask turns per call): bad input comes back as a rejection, as it
   * would from an async method.
   */
  #keyOrRejection(operation: string, name: unknown): { key: string; s3Key: string } | Promise<never> {
    try {
      return this.#key(operation, name);
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  #clientFactory(): S3ClientFactory | undefined {
    return (this.constructor as typeof AwsS3Type).clientFactory;
  }

  #objectUrl(s3Key: string): string {
    this.#urlBase ??= objectUrlBase(this.config);
    return this.#urlBase + encodeKey(s3Key);
  }

  /** A write's conditions in the form this element's server compares (conditional/conditionParams.ts). */
  #conditionParams(conditions: WriteConditions) {
    this.#aws ??= resolveEndpoint(this.config.endPoint, this.config.forcePathStyle).aws;
    return conditionParams(conditions, this.#aws);
  }

  /**
   * A conditional write's own check against the object stored now (HeadObject; a 404: nothing
   * stored). A missing bucket is not told apart here: the write itself then fails naming it.
   */
  #checkConditions(conditions: WriteConditions, s3Key: string): Promise<void> {
    return checkConditions(conditions, () =>
      this.#client.send(this.#headObjectCommand(s3Key)).then(
        (out) => out.ETag ?? '',
        (error: unknown) => {
          if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404)
            return undefined;
          throw error;
        },
      ),
    );
  }

  /** A failed multipart upload may still hold parts: keep aborting it until the server confirms. */
  #abandon(s3Key: string, uploadId: string | undefined): void {
    if (uploadId !== undefined) this.#pendingAborts.add({ Bucket: this.bucket, Key: s3Key, UploadId: uploadId });
  }

  /**
   * A presigned URL made with temporary credentials carries their session token in
   * X-Amz-Security-Token: S3 needs it to check the signature, so whoever holds the URL holds the
   * token. With `presign: "long-term-only"` such a URL is refused rather than handed out. The
   * signed URL itself is checked, so a token the default credential chain found (a role, SSO) is
   * caught as well as one in the config. ACCESS_DENIED, not INVALID_CONFIG: the config is valid
   * and the element keeps serving everything else; this one operation is refused with these
   * credentials, as the gateway's 403 says. Returns the URL when it may be handed out.
   */
  #presigned(operation: string, key: string, url: string): string {
    this.#refuseSessionToken(operation, key, new URL(url).searchParams.has('X-Amz-Security-Token'));
    return url;
  }

  /** `#presigned`'s rule for anything signed that carries a session token (a URL, a form). */
  #refuseSessionToken(operation: string, key: string, carriesToken: boolean): void {
    if (this.config.presign === 'long-term-only' && carriesToken) {
      throw new StorageError({
        code: ErrorCode.ACCESS_DENIED,
        element: this.fullName,
        storageType: this.type,
        operation,
        key,
        field: 'presign',
        detail:
          'presign is "long-term-only" and the credentials are temporary: the URL would carry their session token',
      });
    }
  }

  /**
   * Presigning uses a client that adds no checksum parameters: with the SDK's default checksums,
   * a presigned PUT would carry the checksum of an empty body and fail for any real upload.
   */
  #signingClient(): S3Client {
    if (this.#signer === undefined) {
      const { client, release } = acquireClient(
        { ...clientSettings(this.config), checksums: 'WHEN_REQUIRED' },
        this.#clientFactory(),
        'presign',
      );
      this.#signer = client;
      this.#releases.push(release);
    }
    return this.#signer;
  }

  /**
   * GetObject asking for the object's stored checksum (x-amz-checksum-*), which the SDK then checks
   * as the body passes. The SDK asks by itself only in its WHEN_SUPPORTED mode, which `checksums`
   * turns off on non-AWS servers for what it does to uploads; reading the checksum has no such
   * problem, and a server that stores none ignores the header.
   */
  #getObjectCommand(s3Key: string) {
    return new (s3().GetObjectCommand)({ Bucket: this.bucket, Key: s3Key, ChecksumMode: 'ENABLED' });
  }

  /**
   * GetObject of `range` (its shape checked), and how to check the answer (rangedBody). Without
   * ChecksumMode: a stored checksum is the whole object's, and a part of it cannot match one. A
   * range starting past the object's end is INVALID_ARGUMENT on `range`, whether the server says
   * so with 416 (InvalidRange) or its answer shows it.
   */
  #getRange(operation: string, key: string, s3Key: string, range: ByteRange): Promise<CheckedRange> {
    const command = new (s3().GetObjectCommand)({
      Bucket: this.bucket,
      Key: s3Key,
      Range: `bytes=${range.start}-${range.end ?? ''}`,
    });
    return this.#client.send(command).then(
      (out) => {
        const read = rangedBody(out, range);
        if (read.kind === 'outside') throw this.#rangeOutside(operation, key, range, read.size, undefined);
        return read;
      },
      (error: unknown) => {
        const refused = error as { name?: string; $metadata?: { httpStatusCode?: number }; ActualObjectSize?: unknown };
        if (refused.name !== 'InvalidRange' && refused.$metadata?.httpStatusCode !== 416) throw error;
        const size = Number(refused.ActualObjectSize);
        throw this.#rangeOutside(operation, key, range, Number.isSafeInteger(size) ? size : undefined, error);
      },
    );
  }

  /** INVALID_ARGUMENT on `range`, worded by rangeProblem when the object's size is known. */
  #rangeOutside(
    operation: string,
    key: string,
    range: ByteRange,
    size: number | undefined,
    cause: unknown,
  ): StorageError {
    const detail =
      (size === undefined ? undefined : rangeProblem(range, size)?.detail) ??
      `range.start (${range.start}) is past the object's last byte: the server answered 416 (InvalidRange)`;
    return this.invalidArgument(
      operation,
      key,
      'range',
      detail,
      cause === undefined ? undefined : this.toStorageError(operation, key, cause).cause,
    );
  }

  #headObjectCommand(s3Key: string) {
    return new (s3().HeadObjectCommand)({ Bucket: this.bucket, Key: s3Key });
  }

  /** HeadObject, telling a missing bucket from a missing object (both are a bare 404). */
  #head(operation: string, key: string, s3Key: string): Promise<HeadObjectCommandOutput> {
    return this.#client.send(this.#headObjectCommand(s3Key)).then(undefined, (error: unknown) =>
      this.#explainHeadFailure(operation, key, error).then(() => {
        throw error;
      }),
    );
  }

  /**
   * Resolves when a failed HeadObject meant a missing object (the caller says what that means);
   * otherwise rejects: with a NOT_FOUND naming the bucket when the bucket is missing, else with
   * the error itself.
   */
  async #explainHeadFailure(operation: string, key: string, error: unknown): Promise<void> {
    const failure = await diagnoseHeadFailure(this.#client, this.bucket, error);
    if (failure === 'missing-object') return;
    if (failure === 'other') throw error;
    const reported = this.toStorageError(operation, key, error);
    throw new StorageError({
      ...missingBucket(this.bucket),
      element: this.fullName,
      storageType: this.type,
      operation,
      key,
      cause: reported.cause,
    });
  }
}
