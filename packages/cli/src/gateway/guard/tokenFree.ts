import type { FastifyRequest } from 'fastify';

/**
 * Route config of the few routes answered without the bearer token: the console's files (no
 * data; the page asks for the token) and `GET /api/links/:id` (the unguessable, short-lived id
 * is the credential, for `<img src>` and downloads, which cannot send a header). The Host/Origin
 * guard still applies to them. A flag on the route, not a URL prefix: the router decides which
 * route a URL is, so no spelling of a URL can reach a guarded route without the check.
 */
export const tokenFree = { tokenFree: true } as const;

// Declared on Fastify's route config, so `config: tokenFree` type-checks once a plugin adds route
// config of its own (@fastify/multipart's `multipartOptions` makes the type a weak one otherwise).
declare module 'fastify' {
  interface FastifyContextConfig {
    tokenFree?: boolean;
  }
}

/** Whether a request must carry the token: every route but the flagged ones, and `/api` 404s. */
export function needsToken(request: FastifyRequest): boolean {
  // No route matched: nothing is served, the 404 only says so; outside /api it needs no token.
  if (request.is404) return request.url.startsWith('/api');
  return (request.routeOptions.config as { tokenFree?: boolean }).tokenFree !== true;
}
