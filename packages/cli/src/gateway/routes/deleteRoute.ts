import type { FastifyInstance } from 'fastify';
import { checkFullName } from '../checkFullName';
import type { GatewayApp } from '../GatewayApp';
import { deleteInstance } from '../source/deleteInstance';

/** `DELETE /api/elements/:fullName`: removes an app Instance's folder (deleteInstance). */
export function deleteRoute(fastify: FastifyInstance, app: GatewayApp): void {
  fastify.delete<{ Params: { fullName: string } }>('/api/elements/:fullName', async (request) =>
    deleteInstance(app, checkFullName(request.params.fullName)),
  );
}
