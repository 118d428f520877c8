import type { ElementInfo } from '@mti/core';
import type { FastifyInstance } from 'fastify';
import { elementJson } from '../../output/elementJson';
import type { GatewayApp } from '../GatewayApp';

/**
 * `GET /api/elements`: every element with its status (errors as `{ code, message, file, field }`);
 * ready Instances also list the functions they offer (`[{ name, params }]`, optional parameters
 * ending in `?`), so a client knows what it may call without a trial.
 */
export function listRoute(fastify: FastifyInstance, app: GatewayApp): void {
  fastify.get('/api/elements', async () => app.listElements().map((element) => withFunctions(app, element)));
}

function withFunctions(app: GatewayApp, element: ElementInfo): Record<string, unknown> {
  const json = elementJson(element);
  if (element.kind !== 'instance' || element.status !== 'ready') return json;
  try {
    // As Types declare them: the client can tell what it may leave out.
    const functions = [...app.functionsOf(element.fullName).values()].map(({ name, params, min }) => ({
      name,
      params: params.map((param, index) => (index < min ? param : `${param}?`)),
    }));
    return { ...json, functions };
  } catch {
    // Removed or broken between the listing and this call: listed without them.
    return json;
  }
}
