import { pipeline, type Readable } from 'node:stream';
import { ErrorCode } from '@mti/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayError } from './GatewayError';
import { limitBytes } from './limitBytes';
import { lingeringClose } from './lingeringClose';
import { type UploadSlots, uploadNeed } from './UploadSlots';
import { watchBodyIdle } from './watchBodyIdle';

/** What a refused upload is told to wait: uploads of tens of MiB end within seconds on loopback. */
const RETRY_AFTER_S = 1;
/** How long a refused upload's client has to read the 503 before its connection is closed. */
export const LINGER_MS = 2_000;

export interface UploadLimits {
  slots: UploadSlots;
  /** Milliseconds an upload body may send nothing while it is read; 0: no limit. */
  bodyTimeout: number;
}

/**
 * Streams a request's raw body into `store` under the gateway's upload rules, one place for every
 * route that takes uploads (`…/files/<key>`, signed PUTs), so they are held to the same limits:
 * a body over `uploadLimit` is refused with 413 (before reading, when Content-Length says so);
 * uploads past `limits.slots` are refused with 503 rather than started — each one streaming holds
 * its storage's part buffers, so their number and size are what bound the gateway's memory under
 * load; a body that stops arriving is abandoned after `limits.bodyTimeout` (408), its multipart
 * upload aborted by the storage, instead of holding its slot and buffers for as long as the client
 * likes. `answer` sends what `store` returned; a failure of the body's own is reported over the
 * storage's.
 */
export async function receiveUpload<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  uploadLimit: number,
  limits: UploadLimits,
  store: (body: Readable) => Promise<T>,
  answer: (result: T) => FastifyReply,
): Promise<FastifyReply> {
  const declared = Number(request.headers['content-length']);
  const known = request.headers['content-length'] !== undefined && Number.isFinite(declared);
  const tooLarge = (): GatewayError =>
    new GatewayError(ErrorCode.INVALID_ARGUMENT, `upload larger than the limit of ${uploadLimit} bytes`, 413);
  if (known && declared > uploadLimit) throw tooLarge();
  const release = takeUploadSlot(request, reply, limits.slots, known ? declared : undefined);
  if (release === undefined) return reply;
  let failure: GatewayError | undefined;
  const limited = limitBytes(uploadLimit, () => (failure = tooLarge()));
  const stopWatching =
    limits.bodyTimeout > 0
      ? watchBodyIdle(request.raw, limits.bodyTimeout, () => {
          failure = new GatewayError(
            ErrorCode.TIMEOUT,
            `the upload body sent nothing for ${limits.bodyTimeout} ms; the upload was abandoned`,
            408,
          );
          // Ends the upload (the storage aborts its multipart upload); pipeline leaves the
          // socket open, so the answer can still go out.
          limited.destroy(failure);
        })
      : () => {};
  pipeline(request.raw, limited, () => {});
  try {
    return answer(await store(limited));
  } catch (error) {
    throw failure ?? error;
  } finally {
    stopWatching();
    release();
  }
}

/**
 * A slot for an upload of `declared` bytes (undefined: sent chunked, length unknown), as the
 * function that gives it back; undefined when there is no room, once `reply` has been sent the
 * 503 with Retry-After that says so (the caller then returns `reply`). Shared by receiveUpload
 * and the signed form route, so every route taking uploads is refused alike when the gateway is full.
 */
export function takeUploadSlot(
  request: FastifyRequest,
  reply: FastifyReply,
  slots: UploadSlots,
  declared: number | undefined,
): (() => void) | undefined {
  const release = slots.take(uploadNeed(declared));
  if (release === undefined) {
    // Refused without reading its body; its connection is closed soon after (lingeringClose).
    lingeringClose(request.raw, LINGER_MS);
    void reply
      .code(503)
      .header('retry-after', String(RETRY_AFTER_S))
      .send({
        code: ErrorCode.UNAVAILABLE,
        message: `the gateway is receiving as many uploads as it has room for; try again in ${RETRY_AFTER_S} s`,
      });
  }
  return release;
}
