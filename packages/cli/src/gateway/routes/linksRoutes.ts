import { ErrorCode, offersRanges } from '@mti/core';
import type { FastifyInstance } from 'fastify';
import { checkFullName } from '../checkFullName';
import type { GatewayApp } from '../GatewayApp';
import { GatewayError } from '../GatewayError';
import { tokenFree } from '../guard/tokenFree';
import type { LinkStore } from '../links/LinkStore';
import type { Disposition } from '../objectHeaders';
import { type GatewayStorage, sendObject } from '../sendObject';
import { storageElement } from '../storageElement';

interface LinkBody {
  key?: unknown;
  disposition?: unknown;
}

/**
 * `POST /api/elements/:fullName/links` `{ key, disposition? }` (token needed) makes a link to
 * one object; `GET /api/links/:id` (no token: the id is the credential) serves the object as
 * `GET …/files/<key>` does, with the same object headers, while the link lives.
 */
export function linksRoutes(fastify: FastifyInstance, app: GatewayApp, links: LinkStore): void {
  fastify.post<{ Params: { fullName: string }; Body: LinkBody }>(
    '/api/elements/:fullName/links',
    async (request, reply) => {
      const fullName = checkFullName(request.params.fullName);
      const body: LinkBody = typeof request.body === 'object' && request.body !== null ? request.body : {};
      const { key, disposition } = body;
      if (typeof key !== 'string' || key === '')
        throw new GatewayError(ErrorCode.INVALID_ARGUMENT, 'key must be the object key, a non-empty string', 400, {
          field: 'key',
        });
      if (disposition !== undefined && disposition !== 'inline' && disposition !== 'attachment')
        throw new GatewayError(ErrorCode.INVALID_ARGUMENT, 'disposition must be "inline" or "attachment"', 400, {
          field: 'disposition',
        });
      // Throws NOT_FOUND for another family's Instance, or INVALID_ARGUMENT for a Meta or Type,
      // as the other routes do.
      storageElement(app, fullName);
      if (!app.functionsOf(fullName).has('getObject'))
        throw new GatewayError(ErrorCode.INVALID_ARGUMENT, `${fullName} is not a storage: it has no getObject`, 400, {
          element: fullName,
        });
      const { id, link } = links.create(fullName, key, disposition as Disposition | undefined);
      return reply.send({ url: `/api/links/${id}`, expiresAt: new Date(link.expiresAt).toISOString() });
    },
  );

  fastify.get<{ Params: { id: string } }>(
    '/api/links/:id',
    { config: tokenFree, exposeHeadRoute: false },
    async (request, reply) => {
      const link = links.find(request.params.id);
      if (link === undefined)
        throw new GatewayError(ErrorCode.NOT_FOUND, 'no such link, or it has expired; ask for a new one', 404);
      // The element may have been removed or changed since: getElement says so as usual.
      return sendObject(request, reply, storageElement<GatewayStorage>(app, link.fullName), link.key, {
        disposition: link.disposition,
        ranges: offersRanges(app.functionsOf(link.fullName)),
      });
    },
  );
}
