import type { FastifyInstance } from 'fastify';
import { checkFullName } from '../checkFullName';
import type { GatewayApp } from '../GatewayApp';
import { readInstanceSource } from '../source/readInstanceSource';
import { instanceBody, writeInstance } from '../source/writeInstance';

/**
 * `GET /api/elements/:fullName/source`: an app Instance's files for editing, literal secrets
 * left out (readInstanceSource). `PUT` with `{ type, title?, config, keepSecrets? }` creates
 * (201) or replaces (200) one (writeInstance); the watcher's reload then says how it went.
 */
export function sourceRoutes(fastify: FastifyInstance, app: GatewayApp): void {
  fastify.get<{ Params: { fullName: string } }>('/api/elements/:fullName/source', async (request) =>
    readInstanceSource(app, checkFullName(request.params.fullName)),
  );

  fastify.put<{ Params: { fullName: string } }>('/api/elements/:fullName/source', async (request, reply) => {
    const fullName = checkFullName(request.params.fullName);
    const result = await writeInstance(app, fullName, instanceBody(request.body));
    return reply.code(result.created ? 201 : 200).send(result);
  });
}
