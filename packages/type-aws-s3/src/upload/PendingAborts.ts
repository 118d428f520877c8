import type { S3Client } from '@aws-sdk/client-s3';
import type { Logger } from '@mti/core';
import { describeS3Error } from '../errors/describeS3Error';
import { s3 } from '../sdk/awsSdk';

interface PendingAbort {
  Bucket: string;
  Key: string;
  UploadId: string;
  attempts: number;
}

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 30_000;

/**
 * Multipart uploads that failed and may still hold parts on the server. StreamUpload and
 * lib-storage abort a failed upload themselves, but when the failure is the server going away,
 * that abort fails too and the parts stay (billed, on AWS) until a lifecycle rule clears them. These are aborted again,
 * with backoff, until the server confirms, and once more when the element is disposed.
 */
export class PendingAborts {
  readonly #client: S3Client;
  readonly #logger: Logger;
  readonly #pending = new Map<string, PendingAbort>();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;

  constructor(client: S3Client, logger: Logger) {
    this.#client = client;
    this.#logger = logger;
  }

  add(target: { Bucket: string; Key: string; UploadId: string }): void {
    this.#pending.set(target.UploadId, { ...target, attempts: 0 });
    this.#schedule(0);
  }

  /** One last try, bounded in time, then forget (the server's lifecycle rules are the backstop). */
  async dispose(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#running;
    if (this.#pending.size > 0) await this.#attempt(AbortSignal.timeout(2_000));
    for (const left of this.#pending.values()) {
      this.#logger.warn({ key: left.Key, uploadId: left.UploadId }, 'incomplete multipart upload left on the server');
    }
    this.#pending.clear();
  }

  #schedule(delayMs: number): void {
    if (this.#timer !== undefined || this.#pending.size === 0) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#running = this.#attempt().finally(() => {
        this.#running = undefined;
        const attempts = Math.min(...[...this.#pending.values()].map((p) => p.attempts));
        this.#schedule(Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1)));
      });
    }, delayMs);
    // Retrying must never keep a process alive on its own.
    this.#timer.unref();
  }

  async #attempt(abortSignal?: AbortSignal): Promise<void> {
    for (const pending of [...this.#pending.values()]) {
      pending.attempts++;
      try {
        const { Bucket, Key, UploadId } = pending;
        await this.#client.send(
          new (s3().AbortMultipartUploadCommand)({ Bucket, Key, UploadId }),
          abortSignal ? { abortSignal } : {},
        );
        this.#pending.delete(UploadId);
        this.#logger.debug({ key: Key, uploadId: UploadId }, 'aborted a failed multipart upload');
      } catch (error) {
        // Already gone (the upload's own abort got through): nothing left to clean.
        if (describeS3Error(error, pending.Bucket).code === 'NOT_FOUND') this.#pending.delete(pending.UploadId);
      }
    }
  }
}
