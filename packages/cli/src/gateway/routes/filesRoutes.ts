import { pipeline } from 'node:stream';
import type { Readable } from 'node:stream';
import { ErrorCode, type ObjectInfo, type StorageMeta, type UploadResult } from '@mti/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { checkFullName } from '../checkFullName';
import type { GatewayApp } from '../GatewayApp';
import { GatewayError } from '../GatewayError';
import { limitBytes } from '../limitBytes';

type FileRequest = FastifyRequest<{ Params: { fullName: string; '*': string } }>;
type Storage = StorageMeta & { downloadStream?: (name: string) => Promise<Readable> };

const path = '/api/elements/:fullName/files/*';

/**
 * Object routes on a storage element: PUT streams the raw body into `uploadByFile` (its
 * Content-Type becomes the object's), GET streams the object back, HEAD gives its metadata as
 * headers, DELETE deletes it. Bodies are never parsed or buffered here.
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
      const info = await storage.getObject(key);
      setObjectHeaders(reply, info);
      const body =
        typeof storage.downloadStream === 'function' ? await storage.downloadStream(key) : await storage.download(key);
      return reply.send(body);
    });

    files.head(path, async (request: FileRequest, reply) => {
      const { storage, key } = target(request);
      setObjectHeaders(reply, await storage.getObject(key));
      return reply.send();
    });

    files.delete(path, async (request: FileRequest) => {
      const { storage, key } = target(request);
      return storage.delete(key);
    });
  });
}

function setObjectHeaders(reply: { header(name: string, value: string | number): unknown }, info: ObjectInfo): void {
  reply.header('content-type', info.contentType);
  reply.header('content-length', info.size);
  if (info.etag !== '') reply.header('etag', info.etag);
  reply.header('last-modified', info.lastModified.toUTCString());
  reply.header('x-mti-storage-class', info.storageClass);
  for (const [name, value] of Object.entries(info.metadata)) reply.header(`x-mti-meta-${name}`, value);
}
