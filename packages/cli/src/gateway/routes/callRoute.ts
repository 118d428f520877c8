import { Readable } from 'node:stream';
import { ErrorCode } from '@mti/core';
import type { FastifyInstance } from 'fastify';
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
      const fn = app.functionsOf(fullName).get(method);
      if (fn === undefined) {
        const names = [...app.functionsOf(fullName).keys()].sort().join(', ');
        throw new GatewayError(
          ErrorCode.NOT_FOUND,
          `${fullName} has no function "${method}"; it offers: ${names}`,
          404,
        );
      }
      const args: unknown = request.body ?? [];
      if (!Array.isArray(args))
        throw new GatewayError(ErrorCode.INVALID_ARGUMENT, 'the body must be a JSON array of arguments', 400);
      if (args.length < fn.min || args.length > fn.max) {
        const expected = fn.min === fn.max ? `${fn.min}` : `${fn.min} to ${fn.max}`;
        throw new GatewayError(
          ErrorCode.INVALID_ARGUMENT,
          `${fullName}.${method}(${fn.params.join(', ')}) takes ${expected} arguments, got ${args.length}`,
          400,
        );
      }
      const element = app.getElement<Record<string, (...a: unknown[]) => unknown>>(fullName);
      const result = await element[method]?.(...args);
      if (Buffer.isBuffer(result) || result instanceof Readable)
        return reply.type('application/octet-stream').send(result);
      // JSON for everything else, strings included, so clients parse every answer the same way.
      return reply.type('application/json').send(JSON.stringify(result ?? null));
    },
  );
}
