import { pipeline } from 'node:stream';
import type { Readable } from 'node:stream';
import { ErrorCode, type StorageMeta, type UploadResult } from '@mti/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { checkFullName } from '../checkFullName';
import type { GatewayApp } from '../GatewayApp';
import { GatewayError } from '../GatewayError';
import { limitBytes } from '../limitBytes';
import { type Disposition, setObjectHeaders } from '../objectHeaders';

type FileRequest = FastifyRequest<{ Params: { fullName: string; '*': string }; Querystring: { disposition?: string } }>;
type Storage = StorageMeta & { downloadStream?: (name: string) => Promise<Readable> };

const path = '/api/elements/:fullName/files/*';

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
 */
export function filesRoutes(fastify: FastifyInstance, app: GatewayApp, uploadLimit: number): void {
  void fastify.register(async (files) => {
    files.removeAllContentTypeParsers();
    files.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

    const target = (request: FileRequest): { storage: Storage; key: string } => {
      const fullName = checkFullName(request.params.fullName);
      return { storage: app.getElement<Storage>(fullName), key: request.params['*'] };
    };

    files.put(path, async (request: FileRequest, reply) => {
      const { storage, key } = target(request);
      const declared = Number(request.headers['content-length']);
      const tooLarge = (): GatewayError =>
        new GatewayError(ErrorCode.INVALID_ARGUMENT, `upload larger than the limit of ${uploadLimit} bytes`, 413);
      if (Number.isFinite(declared) && declared > uploadLimit) throw tooLarge();
      let exceeded = false;
      const limited = limitBytes(uploadLimit, () => {
        exceeded = true;
        return tooLarge();
      });
      pipeline(request.raw, limited, () => {});
      const contentType = request.headers['content-type'] ?? 'application/octet-stream';
      let result: UploadResult;
      try {
        result = await storage.uploadByFile(key, limited, contentType);
      } catch (error) {
        throw exceeded ? tooLarge() : error;
      }
      return reply.send(result);
    });

    files.get(path, { exposeHeadRoute: false }, async (request: FileRequest, reply) => {
      const { storage, key } = target(request);
      const disposition = dispositionOf(request);
      const info = await storage.getObject(key);
      setObjectHeaders(reply, key, info, disposition);
      const body =
        typeof storage.downloadStream === 'function' ? await storage.downloadStream(key) : await storage.download(key);
      return reply.send(body);
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
