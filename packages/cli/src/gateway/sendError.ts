import { ElementError, ErrorCode } from '@mti/core';
import type { FastifyReply } from 'fastify';
import { GatewayError } from './GatewayError';
import { statusOf } from './statusOf';

interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
}

/**
 * Every error leaves as `{ code, message }` with the status its code maps to. Messages of coded
 * errors are safe to show (secrets are scrubbed when they are made); anything else is reported
 * without its text, which could hold anything.
 */
export function sendError(reply: FastifyReply, error: unknown): FastifyReply {
  if (GatewayError.is(error)) {
    // A refused or abandoned upload may still be arriving: close instead of draining it.
    if (error.status === 413 || error.status === 408) reply.header('connection', 'close');
    return reply.code(error.status).send(error.body());
  }
  if (ElementError.is(error))
    return reply.code(statusOf(error.code)).send({ code: error.code, message: error.message });
  const framework = error as FastifyLikeError;
  if (typeof framework.statusCode === 'number' && framework.statusCode < 500 && framework.code?.startsWith('FST_')) {
    if (framework.statusCode === 413) reply.header('connection', 'close');
    return reply
      .code(framework.statusCode)
      .send({ code: ErrorCode.INVALID_ARGUMENT, message: framework.message ?? 'bad request' });
  }
  reply.log.error({ err: error }, 'unexpected error');
  return reply.code(500).send({ code: ErrorCode.UNKNOWN, message: 'internal error' });
}
