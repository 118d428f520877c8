import { pipeline } from 'node:stream';
import { ErrorCode } from '@mti/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { checkFullName } from '../checkFullName';
import type { GatewayApp } from '../GatewayApp';
import { GatewayError } from '../GatewayError';
import { limitBytes } from '../limitBytes';
import { lingeringClose } from '../lingeringClose';
import { type Disposition, setObjectHeaders } from '../objectHeaders';
import { type GatewayStorage, sendObject } from '../sendObject';
import { type UploadSlots, uploadNeed } from '../UploadSlots';
import { watchBodyIdle } from '../watchBodyIdle';

type FileRequest = FastifyRequest<{ Params: { fullName: string; '*': string }; Querystring: { disposition?: string } }>;

const path = '/api/elements/:fullName/files/*';

/** What a refused upload is told to wait: uploads of tens of MiB end within seconds on loopback. */
const RETRY_AFTER_S = 1;
/** How long a refused upload's client has to read the 503 before its connection is closed. */
const LINGER_MS = 2_000;

export interface UploadLimits {
  slots: UploadSlots;
  /** Milliseconds an upload body may send nothing while it is read; 0: no limit. */
  bodyTimeout: number;
}

/** `?disposition=inline|attachment` on a GET or HEAD: how the browser should open the object. */
function dispositionOf(request: FileRequest): Disposition | undefined {
  const value = request.query.disposition;
  if (value === undefined || value === 'inline' || value === 'attachment') return value;
  throw new GatewayError(ErrorCode.INVALID_ARGUMENT, 'disposition must be "inline" or "attachment"', 400);
}

/**
 * Object routes on a storage element: PUT streams the raw body into `uploadByFile` (its
 * Content-Type becomes the object's), GET streams the object back, HEAD gives its metadata as
 * headers, DELETE deletes it. Bodies are never parsed or buffered here. Objects go out as data,
 * never as pages of the gateway (objectHeaders.ts).
 *
 * Uploads past `limits.slots` are refused with 503 rather than started: each one streaming holds
 * its storage's part buffers, so their number and size are what bound the gateway's memory under
 * load. A body that stops arriving is abandoned after `limits.bodyTimeout`, its multipart upload
 * aborted by the storage, instead of holding its slot and buffers for as long as the client likes.
 */
export function filesRoutes(
  fastify: FastifyInstance,
  app: GatewayApp,
  uploadLimit: number,
  limits: UploadLimits,
): void {
  void fastify.register(async (files) => {
    files.removeAllContentTypeParsers();
    files.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

    const target = (request: FileRequest): { storage: GatewayStorage; key: string } => {
      const fullName = checkFullName(request.params.fullName);
      return { storage: app.getElement<GatewayStorage>(fullName), key: request.params['*'] };
    };

    files.put(path, async (request: FileRequest, reply) => {
      const { storage, key } = target(request);
      const declared = Number(request.headers['content-length']);
      const known = request.headers['content-length'] !== undefined && Number.isFinite(declared);
      const tooLarge = (): GatewayError =>
        new GatewayError(ErrorCode.INVALID_ARGUMENT, `upload larger than the limit of ${uploadLimit} bytes`, 413);
      if (known && declared > uploadLimit) throw tooLarge();
      const release = limits.slots.take(uploadNeed(known ? declared : undefined));
      if (release === undefined) {
        // Refused without reading its body; its connection is closed soon after (lingeringClose).
        lingeringClose(request.raw, LINGER_MS);
        return reply
          .code(503)
          .header('retry-after', String(RETRY_AFTER_S))
          .send({
            code: ErrorCode.UNAVAILABLE,
            message: `the gateway is receiving as many uploads as it has room for; try again in ${RETRY_AFTER_S} s`,
          });
      }
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
      const contentType = request.headers['content-type'] ?? 'application/octet-stream';
      try {
        return reply.send(await storage.uploadByFile(key, limited, contentType));
      } catch (error) {
        throw failure ?? error;
      } finally {
        stopWatching();
        release();
      }
    });

    files.get(path, { exposeHeadRoute: false }, async (request: FileRequest, reply) => {
      const { storage, key } = target(request);
      return sendObject(reply, storage, key, dispositionOf(request));
    });

    files.head(path, async (request: FileRequest, reply) => {
      const { storage, key } = target(request);
      const disposition = dispositionOf(request);
      setObjectHeaders(reply, key, await storage.getObject(key), disposition);
      return reply.send();
    });

    files.delete(path, async (request: FileRequest) => {
      const { storage, key } = target(request);
      return storage.delete(key);
    });
  });
}
