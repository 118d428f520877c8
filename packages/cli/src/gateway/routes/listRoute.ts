import type { FastifyInstance } from 'fastify';
import { elementJson } from '../../output/elementJson';
import type { GatewayApp } from '../GatewayApp';

/** `GET /api/elements`: every element with its status (errors as `{ code, message, file, field }`). */
export function listRoute(fastify: FastifyInstance, app: GatewayApp): void {
  fastify.get('/api/elements', async () => app.listElements().map(elementJson));
}
