import { pipeline } from 'node:stream';
import { ErrorCode } from '@mti/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { checkFullName } from '../checkFullName';
import type { GatewayApp } from '../GatewayApp';
import { GatewayError } from '../GatewayError';
import { tokenFree } from '../guard/tokenFree';
import { limitBytes } from '../limitBytes';
import { lingeringClose } from '../lingeringClose';
import { setObjectHeaders } from '../objectHeaders';
import type { GatewayStorage } from '../sendObject';
import { uploadNeed } from '../UploadSlots';
import { watchBodyIdle } from '../watchBodyIdle';
import type { UploadLimits } from './filesRoutes';

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
const RETRY_AFTER_S = 1;
const LINGER_MS = 2_000;

/**
 * `GET` / `PUT /api/signed/<fullName>/<key>?…`: signed URLs of elements whose Type answers them
 * through the gateway. No bearer token (the signature is the credential, checked by the element
 * itself, `verifySignedRequest`); the Host/Origin guard applies as everywhere. A GET streams the
 * object with the gateway's object headers and the signed Content-Type; a PUT streams its body
 * into `uploadByFile` with the signed Content-Type, within the same limits as `…/files/<key>`.
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
      const storage = app.getElement<SigningStorage>(fullName);
      if (typeof storage.verifySignedRequest !== 'function')
        throw new GatewayError(ErrorCode.NOT_FOUND, `${fullName} answers no signed URLs`, 404, { element: fullName });
      const verified = await storage.verifySignedRequest({
        method,
        key: request.params['*'],
        query: { ...request.query },
        contentType: request.headers['content-type'],
      });
      return { storage, ...verified };
    };

    signed.get(path, { config: tokenFree, exposeHeadRoute: false }, async (request: SignedRequest, reply) => {
      const { storage, key, contentType } = await verify(request, 'GET');
      const info = await storage.getObject(key);
      setObjectHeaders(reply, key, { ...info, contentType }, undefined);
      const body =
        typeof storage.downloadStream === 'function' ? await storage.downloadStream(key) : await storage.download(key);
      return reply.send(body);
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
      const declared = Number(request.headers['content-length']);
      const known = request.headers['content-length'] !== undefined && Number.isFinite(declared);
      const tooLarge = (): GatewayError =>
        new GatewayError(ErrorCode.INVALID_ARGUMENT, `upload larger than the limit of ${uploadLimit} bytes`, 413);
      if (known && declared > uploadLimit) throw tooLarge();
      const release = limits.slots.take(uploadNeed(known ? declared : undefined));
      if (release === undefined) {
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
              limited.destroy(failure);
            })
          : () => {};
      pipeline(request.raw, limited, () => {});
      try {
        const result = await target.storage.uploadByFile(target.key, limited, target.contentType);
        return reply.header('etag', result.etag).send(result);
      } catch (error) {
        throw failure ?? error;
      } finally {
        stopWatching();
        release();
      }
    });
  });
}
