import { ErrorCode, offersRanges } from '@mti/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { checkFullName } from '../checkFullName';
import type { GatewayApp } from '../GatewayApp';
import { GatewayError } from '../GatewayError';
import { type Disposition, setObjectHeaders } from '../objectHeaders';
import { receiveUpload, type UploadLimits } from '../receiveUpload';
import { type GatewayStorage, sendObject } from '../sendObject';
import { storageElement } from '../storageElement';

type FileRequest = FastifyRequest<{ Params: { fullName: string; '*': string }; Querystring: { disposition?: string } }>;

const path = '/api/elements/:fullName/files/*';

/** `?disposition=inline|attachment` on a GET or HEAD: how the browser should open the object. */
function dispositionOf(request: FileRequest): Disposition | undefined {
  const value = request.query.disposition;
  if (value === undefined || value === 'inline' || value === 'attachment') return value;
  throw new GatewayError(ErrorCode.INVALID_ARGUMENT, 'disposition must be "inline" or "attachment"', 400);
}

/**
 * Object routes on a storage element: PUT streams the raw body into `uploadByFile` (its
 * Content-Type becomes the object's), GET streams the object back (or the part a Range asks
 * for: sendObject.ts), HEAD gives its metadata as headers, DELETE deletes it. Bodies are never
 * parsed or buffered here. Objects go out as data, never as pages of the gateway
 * (objectHeaders.ts).
 * Uploads are held to `uploadLimit` and `limits` (receiveUpload.ts).
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

    const target = (request: FileRequest): { storage: GatewayStorage; key: string; ranges: boolean } => {
      const fullName = checkFullName(request.params.fullName);
      const storage = storageElement<GatewayStorage>(app, fullName);
      return { storage, key: request.params['*'], ranges: offersRanges(app.functionsOf(fullName)) };
    };

    files.put(path, async (request: FileRequest, reply) => {
      const { storage, key } = target(request);
      const contentType = request.headers['content-type'] ?? 'application/octet-stream';
      return receiveUpload(
        request,
        reply,
        uploadLimit,
        limits,
        (body) => storage.uploadByFile(key, body, contentType),
        (result) => reply.send(result),
      );
    });

    files.get(path, { exposeHeadRoute: false }, async (request: FileRequest, reply) => {
      const { storage, key, ranges } = target(request);
      return sendObject(request, reply, storage, key, { disposition: dispositionOf(request), ranges });
    });

    files.head(path, async (request: FileRequest, reply) => {
      const { storage, key, ranges } = target(request);
      const disposition = dispositionOf(request);
      setObjectHeaders(reply, key, await storage.getObject(key), disposition, ranges);
      return reply.send();
    });

    files.delete(path, async (request: FileRequest) => {
      const { storage, key } = target(request);
      return storage.delete(key);
    });
  });
}
