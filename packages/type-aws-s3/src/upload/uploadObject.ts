import type { Readable } from 'node:stream';
import type { CompletedPart, S3Client } from '@aws-sdk/client-s3';
import type { UploadBody, UploadOptions } from '@mti/core';
import { streamLength } from '../io/streamLength';
import type { PutParams } from '../put/putParams';
import { s3, storage } from '../sdk/awsSdk';
import { multipartEtag } from './multipartEtag';
import { StreamUpload } from './StreamUpload';

export interface UploadJob {
  client: S3Client;
  /** PutObject's parameters without a body. */
  params: PutParams;
  body: UploadBody;
  partSize: number;
  queueSize: number;
  onProgress: UploadOptions['onProgress'];
  /** Makes the error for stream data that cannot be sent. */
  invalidData: (detail: string) => Error;
  /** Told the id of a multipart upload that failed, which may still hold parts. */
  abandon: (uploadId: string | undefined) => void;
  /**
   * Run before a multipart upload sends its first part (a conditional write's own check: S3
   * checks the condition only on the completing request, after every part was sent).
   */
  beforeParts?: () => Promise<void>;
}

export interface Uploaded {
  etag: string | undefined;
  size: number;
}

/**
 * How a body goes up: one PutObject for bytes that fit in one part (lib-storage would only add
 * overhead), streams through reused part buffers (StreamUpload: lib-storage would copy every
 * part), larger byte bodies through lib-storage, which sends views of them without a copy.
 * Not async: on small objects every promise hop shows in throughput.
 */
export function uploadObject(job: UploadJob): Promise<Uploaded> {
  const { body } = job;
  if (body.kind === 'stream') return uploadStream(job, body.stream);
  if (body.bytes.length <= job.partSize) return putOnce(job, body.bytes);
  return uploadParts(job, body.bytes);
}

function putOnce(job: UploadJob, bytes: Buffer): Promise<Uploaded> {
  return job.client.send(new (s3().PutObjectCommand)({ ...job.params, Body: bytes })).then((out) => {
    const size = bytes.length;
    job.onProgress?.({ loaded: size, total: size });
    return { etag: out.ETag, size };
  });
}

async function uploadStream(job: UploadJob, stream: Readable): Promise<Uploaded> {
  const upload = new StreamUpload({
    client: job.client,
    params: job.params,
    source: stream,
    partSize: job.partSize,
    queueSize: job.queueSize,
    length: streamLength(stream),
    ...(job.onProgress === undefined ? {} : { onProgress: job.onProgress }),
    invalidData: job.invalidData,
    ...(job.beforeParts === undefined ? {} : { beforeParts: job.beforeParts }),
  });
  try {
    return await upload.done();
  } catch (error) {
    job.abandon(upload.uploadId);
    throw error;
  }
}

async function uploadParts(job: UploadJob, bytes: Buffer): Promise<Uploaded> {
  await job.beforeParts?.();
  // The params' IfNoneMatch/IfMatch reach CompleteMultipartUpload: lib-storage spreads them into
  // its completing request (CreateMultipartUpload and UploadPart take no such fields).
  const upload = new (storage().Upload)({
    client: job.client,
    params: { ...job.params, Body: bytes },
    partSize: job.partSize,
    queueSize: job.queueSize,
    leavePartsOnError: false,
  });
  let uploaded = 0;
  const onProgress = job.onProgress;
  upload.on('httpUploadProgress', (progress) => {
    uploaded = progress.loaded ?? uploaded;
    onProgress?.({ loaded: uploaded, total: progress.total });
  });
  try {
    const etag = (await upload.done()).ETag;
    // Its parts (kept by lib-storage, in part order) name the version when the server's answer does not.
    const parts = (upload as unknown as { uploadedParts: CompletedPart[] }).uploadedParts;
    return { etag: etag || multipartEtag(parts.map((part) => part.ETag)), size: bytes.length };
  } catch (error) {
    job.abandon(upload.uploadId);
    throw error;
  }
}
