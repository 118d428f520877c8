import type { Readable } from 'node:stream';
import type { CompletedPart, PutObjectCommandInput, S3Client } from '@aws-sdk/client-s3';
import { s3 } from '../sdk/awsSdk';
import { FilePartReader } from './FilePartReader';
import { multipartEtag } from './multipartEtag';
import type { PartReader } from './PartReader';
import { StreamPartReader } from './StreamPartReader';

/** S3's limit on the parts of one multipart upload. */
export const MAX_PARTS = 10_000;

/** A stream no longer than this goes up from its own chunks, without a part buffer. */
const SMALL_STREAM_BYTES = 1024 * 1024;

export interface StreamUploadOptions {
  client: S3Client;
  /** PutObject's parameters without a body; what applies is passed on to each multipart call. */
  params: Omit<PutObjectCommandInput, 'Body'>;
  source: Readable;
  partSize: number;
  queueSize: number;
  /** The stream's length when it is known before reading (a file), for progress reports. */
  length?: number;
  maxParts?: number;
  onProgress?: (progress: { loaded: number; total?: number }) => void;
  /** Makes the error for data that cannot be sent: chunks that are not bytes, too many parts. */
  invalidData: (detail: string) => Error;
  /** Run once the stream is known to need parts, before the multipart upload is created. */
  beforeParts?: () => Promise<void>;
}

/**
 * Uploads a stream of any length through `queueSize` part buffers that are filled again as soon
 * as their part is acknowledged: memory stays at about part size × queue size whatever the
 * stream's length. A stream that fits in one part goes up as one PutObject.
 *
 * It does what lib-storage's Upload does for a stream (checksums on AWS, the part limit, abort on
 * failure, progress per part) with one difference, the reason it exists: lib-storage copies every
 * part into a new buffer, and those wait for a full garbage collection (docs/BENCHMARKS.md,
 * finding 4). Byte bodies still go through lib-storage, which sends views of them without a copy.
 */
export class StreamUpload {
  readonly #options: StreamUploadOptions;
  readonly #reader: PartReader;
  readonly #maxParts: number;
  /** Cancels the parts in flight once one has failed: the upload is lost either way. */
  readonly #cancel = new AbortController();
  readonly #parts: CompletedPart[] = [];
  /** Reads are serialised so that part numbers follow the stream's order. */
  #reading: Promise<unknown> = Promise.resolve();
  #partCount = 0;
  #loaded = 0;
  #failure: { error: unknown } | undefined;
  #uploadId: string | undefined;

  constructor(options: StreamUploadOptions) {
    this.#options = options;
    this.#reader = FilePartReader.for(options.source) ?? new StreamPartReader(options.source, options.invalidData);
    this.#maxParts = options.maxParts ?? MAX_PARTS;
  }

  /** Set once the multipart upload exists: until it completes, the server may hold its parts. */
  get uploadId(): string | undefined {
    return this.#uploadId;
  }

  async done(): Promise<{ etag: string | undefined; size: number }> {
    try {
      return await this.#upload();
    } catch (error) {
      // Stop reading (the source is ours to end, as it is lib-storage's) and drop the parts.
      this.#options.source.destroy();
      await this.#reading;
      if (this.#uploadId !== undefined) {
        const { Bucket, Key } = this.#options.params;
        await this.#options.client
          .send(new (s3().AbortMultipartUploadCommand)({ Bucket, Key, UploadId: this.#uploadId }))
          .catch(() => {
            // The caller keeps trying (PendingAborts): the server may be the reason we failed.
          });
      }
      throw error;
    }
  }

  async #upload(): Promise<{ etag: string | undefined; size: number }> {
    const { client, params, partSize } = this.#options;
    // The start of a stream is kept as its own chunks: most streams (a gateway's request bodies,
    // say) are small and should not cost a part-sized buffer each. Only the start: chunks held
    // until a whole part is read would stay on in the heap as garbage, 8 MiB more at the peak of
    // a 1 GiB upload (docs/BENCHMARKS.md, finding 4).
    const gather = Math.min(partSize, SMALL_STREAM_BYTES);
    const head = await this.#reader.take(gather);
    const headLength = head.reduce((sum, chunk) => sum + chunk.length, 0);
    if (headLength < gather || (await this.#reader.atEnd())) {
      return this.#putWhole(head.length === 1 ? (head[0] as Buffer) : Buffer.concat(head, headLength));
    }
    const first = Buffer.allocUnsafeSlow(partSize);
    head.reduce((offset, chunk) => offset + chunk.copy(first, offset), 0);
    const length = headLength + (await this.#reader.fill(first.subarray(headLength)));
    if (length < partSize || (await this.#reader.atEnd())) return this.#putWhole(first.subarray(0, length));
    this.#partCount = 1;
    await this.#options.beforeParts?.();

    const checksums = await client.config.requestChecksumCalculation();
    const created = await client.send(
      new (s3().CreateMultipartUploadCommand)({
        ...params,
        // As lib-storage does: with the SDK's default checksums on AWS, every part carries a
        // CRC32 and the completion lists them.
        ...(checksums === 'WHEN_SUPPORTED'
          ? { ChecksumAlgorithm: params.ChecksumAlgorithm ?? s3().ChecksumAlgorithm.CRC32 }
          : {}),
      }),
    );
    this.#uploadId = created.UploadId;
    const workers = [this.#work(first, { partNumber: 1, length })];
    for (let i = 1; i < this.#options.queueSize; i++) workers.push(this.#work(undefined, undefined));
    await Promise.all(workers);
    if (this.#failure !== undefined) throw this.#failure.error;
    this.#parts.sort((a, b) => (a.PartNumber ?? 0) - (b.PartNumber ?? 0));
    // With the params' IfNoneMatch/IfMatch, if any: S3 checks a write's condition here.
    const completed = await client.send(
      new (s3().CompleteMultipartUploadCommand)({
        ...params,
        UploadId: this.#uploadId,
        MultipartUpload: { Parts: this.#parts },
      }),
    );
    return {
      etag: completed.ETag || multipartEtag(this.#parts.map((part) => part.ETag)),
      size: this.#reader.bytesRead,
    };
  }

  async #putWhole(body: Buffer): Promise<{ etag: string | undefined; size: number }> {
    const { ETag } = await this.#options.client.send(
      new (s3().PutObjectCommand)({ ...this.#options.params, Body: body }),
    );
    this.#options.onProgress?.({ loaded: body.length, total: body.length });
    return { etag: ETag, size: body.length };
  }

  /** One of `queueSize` loops: fill its own buffer, send it as a part, until the stream ends. */
  async #work(buffer: Buffer | undefined, given: { partNumber: number; length: number } | undefined): Promise<void> {
    let part = given;
    try {
      for (;;) {
        if (part === undefined) {
          buffer ??= Buffer.allocUnsafeSlow(this.#options.partSize);
          part = await this.#read(buffer);
        }
        if (part === undefined || this.#failure !== undefined) return;
        await this.#send(part.partNumber, (buffer as Buffer).subarray(0, part.length));
        part = undefined;
      }
    } catch (error) {
      if (this.#failure === undefined) {
        this.#failure = { error };
        this.#cancel.abort();
      }
    }
  }

  #read(into: Buffer): Promise<{ partNumber: number; length: number } | undefined> {
    const read = this.#reading.then(async () => {
      if (this.#failure !== undefined) return undefined;
      const length = await this.#reader.fill(into);
      if (length === 0) return undefined;
      const partNumber = ++this.#partCount;
      if (partNumber > this.#maxParts) {
        const { partSize } = this.#options;
        throw this.#options.invalidData(
          `data is longer than ${this.#maxParts} parts of ${partSize / 2 ** 20} MiB, the most one S3 object can have: raise multipart.partSizeMiB in the element's config`,
        );
      }
      return { partNumber, length };
    });
    this.#reading = read.catch(() => undefined);
    return read;
  }

  async #send(partNumber: number, body: Buffer): Promise<void> {
    const { client, params } = this.#options;
    const result = await client.send(
      new (s3().UploadPartCommand)({ ...params, UploadId: this.#uploadId, PartNumber: partNumber, Body: body }),
      { abortSignal: this.#cancel.signal },
    );
    if (result.ETag === undefined) throw new Error(`the server sent no ETag for part ${partNumber}`);
    this.#parts.push({
      PartNumber: partNumber,
      ETag: result.ETag,
      ...(result.ChecksumCRC32 === undefined ? {} : { ChecksumCRC32: result.ChecksumCRC32 }),
      ...(result.ChecksumCRC32C === undefined ? {} : { ChecksumCRC32C: result.ChecksumCRC32C }),
      ...(result.ChecksumSHA1 === undefined ? {} : { ChecksumSHA1: result.ChecksumSHA1 }),
      ...(result.ChecksumSHA256 === undefined ? {} : { ChecksumSHA256: result.ChecksumSHA256 }),
    });
    this.#loaded += body.length;
    const total = this.#options.length ?? (this.#reader.ended ? this.#reader.bytesRead : undefined);
    this.#options.onProgress?.({ loaded: this.#loaded, ...(total === undefined ? {} : { total }) });
  }
}
