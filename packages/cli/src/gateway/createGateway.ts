import { ErrorCode } from '@mti/core';
import Fastify, { type FastifyInstance } from 'fastify';
import type { GatewayApp } from './GatewayApp';
import { callRoute } from './routes/callRoute';
import { filesRoutes } from './routes/filesRoutes';
import { listRoute } from './routes/listRoute';
import { sendError } from './sendError';
import { tokenMatches } from './tokenMatches';

export interface GatewayOptions {
  app: GatewayApp;
  /** When set, every request needs `Authorization: Bearer <token>`. */
  token?: string;
  /** Largest JSON body of a function call, in bytes (default 1 MiB). */
  bodyLimit?: number;
  /** Largest file upload, in bytes (default 5 GiB, the single-PUT limit of S3). */
  uploadLimit?: number;
}

/** The HTTP gateway to an app's element functions (Fastify). Call `listen` on what it returns. */
export function createGateway(options: GatewayOptions): FastifyInstance {
  const fastify = Fastify({ bodyLimit: options.bodyLimit ?? 1024 * 1024, logger: false });
  const token = options.token;
  if (token !== undefined) {
    fastify.addHook('onRequest', async (request, reply) => {
      if (!tokenMatches(request.headers.authorization, token)) {
        return reply.code(401).send({ code: ErrorCode.ACCESS_DENIED, message: 'missing or wrong bearer token' });
      }
      return undefined;
    });
  }
  fastify.setErrorHandler((error, _request, reply) => sendError(reply, error));
  fastify.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send({ code: ErrorCode.NOT_FOUND, message: `no route ${request.method} ${request.url.split('?')[0]}` }),
  );
  listRoute(fastify, options.app);
  callRoute(fastify, options.app);
  filesRoutes(fastify, options.app, options.uploadLimit ?? 5 * 1024 ** 3);
  return fastify;
}
