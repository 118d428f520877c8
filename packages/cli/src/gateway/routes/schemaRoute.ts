import type { FastifyInstance } from 'fastify';
import { checkFullName } from '../checkFullName';
import type { GatewayApp } from '../GatewayApp';
import { jsonSchemaOf } from '../source/jsonSchemaOf';
import { typeSchemaOf } from '../source/typeSchemaOf';

/**
 * `GET /api/elements/:fullName/schema` (a Meta or Type): `{ fullName, jsonSchema, secretFields }`,
 * the JSON Schema of its Instances' config (null when it takes any) and the fields never shown.
 */
export function schemaRoute(fastify: FastifyInstance, app: GatewayApp): void {
  fastify.get<{ Params: { fullName: string } }>('/api/elements/:fullName/schema', async (request) => {
    const info = typeSchemaOf(app, checkFullName(request.params.fullName));
    return {
      fullName: info.fullName,
      jsonSchema: info.configSchema === undefined ? null : jsonSchemaOf(info.configSchema),
      secretFields: [...info.secretFields],
    };
  });
}
