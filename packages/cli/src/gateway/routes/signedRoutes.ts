import { ErrorCode, offersRanges } from '@mti/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { checkFullName } from '../checkFullName';
import type { GatewayApp } from '../GatewayApp';
import { GatewayError } from '../GatewayError';
import { tokenFree } from '../guard/tokenFree';
import { lingeringClose } from '../lingeringClose';
import { LINGER_MS, receiveUpload, type UploadLimits } from '../receiveUpload';
import { type GatewayStorage, sendObject } from '../sendObject';
import { storageElement } from '../storageElement';

type SignedRequest = FastifyRequest<{
  Params: { fullName: string; '*': string };
  Querystring: Record<string, unknown>;
}>;

/**
 * A storage whose Type signs URLs for the gateway to answer (`storages.DiskType`): it checks a
 * request on one and says which key to serve or store, and as which Content-Type. The gateway
 * knows nothing of how the URL is signed.
 */
type SigningStorage = GatewayStorage & {
  verifySignedRequest?: (request: {
    method: string;
    key: string;
    query: Record<string, unknown>;
    contentType: string | undefined;
  }) => Promise<{ key: string; contentType: string }>;
};

const path = '/api/signed/:fullName/*';

/**
 * `GET` / `PUT /api/signed/<fullName>/<key>?…`: signed URLs of elements whose Type answers them
 * through the gateway. No bearer token (the signature is the credential, checked by the element
 * itself, `verifySignedRequest`); the Host/Origin guard applies as everywhere. A GET streams the
 * object (or the part a Range asks for) with the gateway's object headers and the signed
 * Content-Type; a PUT streams its body into `uploadByFile` with the signed Content-Type, within
 * the same limits as `…/files/<key>`.
 */
export function signedRoutes(
  fastify: FastifyInstance,
  app: GatewayApp,
  uploadLimit: number,
  limits: UploadLimits,
): void {
  void fastify.register(async (signed) => {
    signed.removeAllContentTypeParsers();
    signed.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

    const verify = async (request: SignedRequest, method: 'GET' | 'PUT') => {
      const fullName = checkFullName(request.params.fullName);
      const storage = storageElement<SigningStorage>(app, fullName);
      if (typeof storage.verifySignedRequest !== 'function')
        throw new GatewayError(ErrorCode.NOT_FOUND, `${fullName} answers no signed URLs`, 404, { element: fullName });
      const verified = await storage.verifySignedRequest({
        method,
        key: request.params['*'],
        query: { ...request.query },
        contentType: request.headers['content-type'],
      });
      return { storage, ranges: offersRanges(app.functionsOf(fullName)), ...verified };
    };

    signed.get(path, { config: tokenFree, exposeHeadRoute: false }, async (request: SignedRequest, reply) => {
      const { storage, key, contentType, ranges } = await verify(request, 'GET');
      return sendObject(request, reply, storage, key, { contentType, ranges });
    });

    signed.put(path, { config: tokenFree }, async (request: SignedRequest, reply) => {
      let target: Awaited<ReturnType<typeof verify>>;
      try {
        target = await verify(request, 'PUT');
      } catch (error) {
        // Refused without reading the body, whose sender may not be who signed.
        lingeringClose(request.raw, LINGER_MS);
        throw error;
      }
      return receiveUpload(
        request,
        reply,
        uploadLimit,
        limits,
        (body) => target.storage.uploadByFile(target.key, body, target.contentType),
        (result) => reply.header('etag', result.etag).send(result),
      );
    });
  });
}
