import { Readable } from 'node:stream';
import { ErrorCode } from '@mti/core';
import type { FastifyInstance } from 'fastify';
import { checkArgumentCount } from '../../calls/checkArgumentCount';
import { findFunction } from '../../calls/findFunction';
import { checkFullName } from '../checkFullName';
import type { GatewayApp } from '../GatewayApp';
import { GatewayError } from '../GatewayError';

/**
 * `POST /api/elements/<fullName>/<function>` with a JSON array of arguments. Only the functions
 * the element's Type declares are callable; bytes and streams come back raw, the rest as JSON.
 */
export function callRoute(fastify: FastifyInstance, app: GatewayApp): void {
  fastify.post<{ Params: { fullName: string; method: string } }>(
    '/api/elements/:fullName/:method',
    async (request, reply) => {
      const fullName = checkFullName(request.params.fullName);
      const { method } = request.params;
      const fn = findFunction(app.functionsOf(fullName), fullName, method);
      const args: unknown = request.body ?? [];
      if (!Array.isArray(args))
        throw new GatewayError(ErrorCode.INVALID_ARGUMENT, 'the body must be a JSON array of arguments', 400);
      checkArgumentCount(fullName, method, fn, args.length);
      const element = app.getElement<Record<string, (...a: unknown[]) => unknown>>(fullName);
      const result = await element[method]?.(...args);
      if (Buffer.isBuffer(result) || result instanceof Readable)
        return reply.type('application/octet-stream').send(result);
      // JSON for everything else, strings included, so clients parse every answer the same way.
      return reply.type('application/json').send(JSON.stringify(result ?? null));
    },
  );
}
