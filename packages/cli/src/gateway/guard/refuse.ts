import type { ErrorCode } from '@mti/core';
import type { FastifyReply } from 'fastify';

/**
 * Sends a refusal as `{ code, message }` and closes the connection once it is written: a client
 * that was refused (no token, a foreign Host, too large) may still be sending a body, and
 * reading it to keep the connection alive would let it stream as much as it likes.
 */
export function refuse(reply: FastifyReply, status: number, code: ErrorCode, message: string): FastifyReply {
  return reply.code(status).header('connection', 'close').send({ code, message });
}
