import cors from '@fastify/cors';
import { ElementError, ErrorCode } from '@mti/core';
import Fastify, { type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { GatewayApp } from './GatewayApp';
import { AccessRules } from './guard/AccessRules';
import { refuse } from './guard/refuse';
import { tokenMatches } from './guard/tokenMatches';
import { needsToken } from './guard/tokenFree';
import { clientErrorHandler } from './clientErrorHandler';
import { consoleRoutes } from './console/consoleRoutes';
import { defaultConsoleFolder } from './console/defaultConsoleFolder';
import { EventStreams, PING_MS } from './events/EventStreams';
import { LinkStore } from './links/LinkStore';
import { callRoute } from './routes/callRoute';
import { deleteRoute } from './routes/deleteRoute';
import { eventsRoute } from './routes/eventsRoute';
import { filesRoutes } from './routes/filesRoutes';
import { linksRoutes } from './routes/linksRoutes';
import { listRoute } from './routes/listRoute';
import { schemaRoute } from './routes/schemaRoute';
import { signedFormRoute } from './routes/signedFormRoute';
import { signedRoutes } from './routes/signedRoutes';
import { sourceRoutes } from './routes/sourceRoutes';
import { sendError } from './sendError';
import { UploadSlots } from './UploadSlots';

export interface GatewayOptions {
  app: GatewayApp;
  /** When set, every `/api` request (but `GET /api/links/:id`) needs `Authorization: Bearer <token>`. */
  token?: string;
  /** Host names answered besides loopback ones (`localhost`, 127.0.0.0/8, ::1). */
  allowedHosts?: readonly string[];
  /** Origins (`https://app.example`) whose pages may call the gateway: CORS is on for them only. */
  allowedOrigins?: readonly string[];
  /** Largest JSON body of a function call, in bytes (default 1 MiB). */
  bodyLimit?: number;
  /** Largest file upload, in bytes (default 5 GiB, the single-PUT limit of S3). */
  uploadLimit?: number;
  /**
   * Uploads streamed at once (default 16); more are answered 503 with Retry-After. 16 uploads of
   * AwsS3Type's 4 parts in flight fill its 64 connections: more would only queue for them.
   */
  maxUploads?: number;
  /**
   * Bytes of buffers the uploads streamed at once may need together (default 64 MiB); past it,
   * 503 with Retry-After. Each upload is counted at its declared length, up to the 32 MiB of part
   * buffers AwsS3Type's defaults give it (8 MiB × 4; a chunked one at 32 MiB): so 2 large
   * uploads at once, or 3 of 20 MiB, or many small ones (the first upload is always taken). With
   * the idle gateway's ~100 MiB and the buffers waiting for garbage collection, about as many
   * again, this held the gateway at 241–283 MiB under 50 parallel 20 MiB uploads
   * (`pnpm bench gateway`, target ≤ 300 MiB; 96 MiB went up to 303).
   */
  uploadMemory?: number;
  /** Milliseconds an upload body may send nothing before the upload is abandoned (default 30 s; 0: never). */
  bodyTimeout?: number;
  /**
   * The browser console at `/` and `/assets/*`: served from `root` (default: the cli package's
   * `console` folder, which `pnpm build` fills), or off with `false` (`mti serve --no-console`).
   */
  console?: false | { root: string };
  /** How long a link made by `POST …/links` serves its object, in milliseconds (default 60 s). */
  linkLifetimeMs?: number;
  /** Milliseconds between the `: ping` comments of `GET /api/events` (default 15 s). */
  eventPingMs?: number;
}

export const DEFAULT_MAX_UPLOADS = 16;
export const DEFAULT_UPLOAD_MEMORY = 64 * 1024 * 1024;
export const DEFAULT_BODY_TIMEOUT_MS = 30_000;
export const DEFAULT_LINK_LIFETIME_MS = 60_000;

const exposedHeaders = [
  'etag',
  'last-modified',
  'content-length',
  'content-disposition',
  'content-range',
  'accept-ranges',
  'x-mti-storage-class',
  'retry-after',
];

/**
 * The HTTP gateway to an app's element functions (Fastify). Call `listen` on what it returns.
 *
 * Every request passes three checks, in this order, before any route runs: its Host and Origin
 * (AccessRules: against DNS rebinding and cross-site pages), the CORS preflight when origins are
 * allowed (answered without a token, as browsers send none), then the bearer token, which every
 * route needs but the console's files and `GET /api/links/:id` (guard/tokenFree.ts).
 */
export function createGateway(options: GatewayOptions): FastifyInstance {
  const rules = new AccessRules(options);
  const slots = new UploadSlots({
    count: options.maxUploads ?? DEFAULT_MAX_UPLOADS,
    bytes: options.uploadMemory ?? DEFAULT_UPLOAD_MEMORY,
  });
  const bodyTimeout = wholeMs('bodyTimeout', options.bodyTimeout ?? DEFAULT_BODY_TIMEOUT_MS, 0);
  const links = new LinkStore(wholeMs('linkLifetimeMs', options.linkLifetimeMs ?? DEFAULT_LINK_LIFETIME_MS, 1));
  const streams = new EventStreams(options.app, wholeMs('eventPingMs', options.eventPingMs ?? PING_MS, 1));
  const consoleFolder = options.console === undefined ? { root: defaultConsoleFolder() } : options.console;
  const fastify = Fastify({
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    logger: false,
    clientErrorHandler,
    // A URL Fastify cannot decode never reaches a route: answer it in the one error shape.
    frameworkErrors: (error, _request, reply) => sendError(reply, error),
  });

  // Hooks added here run before those of registered plugins; this one must come first.
  fastify.addHook('onRequest', async (request, reply) => {
    const refusal = rules.refusal(request.headers.host, request.headers.origin);
    if (refusal !== undefined) return refuse(reply, 403, ErrorCode.ACCESS_DENIED, refusal);
    return undefined;
  });
  fastify.addHook('onSend', async (_request, reply) => {
    // Never let a browser guess a type: a JSON error or an object is what its Content-Type says.
    reply.header('x-content-type-options', 'nosniff');
    // Other sites may not embed our answers (<img>, <script>) even without reading them.
    reply.header('cross-origin-resource-policy', 'same-origin');
  });
  if (rules.allowedOrigins.length > 0) {
    void fastify.register(cors, {
      origin: [...rules.allowedOrigins],
      methods: ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'content-length', 'range', 'if-range'],
      exposedHeaders,
      maxAge: 600,
    });
  }
  const token = options.token;
  if (token !== undefined) {
    void fastify.register(
      fp(async (scope) => {
        scope.addHook('onRequest', async (request, reply) => {
          if (needsToken(request) && !tokenMatches(request.headers.authorization, token)) {
            return refuse(reply, 401, ErrorCode.ACCESS_DENIED, 'missing or wrong bearer token');
          }
          return undefined;
        });
      }),
    );
  }
  fastify.setErrorHandler((error, _request, reply) => sendError(reply, error));
  fastify.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send({ code: ErrorCode.NOT_FOUND, message: `no route ${request.method} ${request.url.split('?')[0]}` }),
  );
  // Open event streams would keep their connections, and close() waiting, for ever.
  fastify.addHook('preClose', async () => streams.close());
  // Routes go in a plugin registered after the guards, so they are certain to inherit them. The
  // few the token does not guard say so in their route config (guard/tokenFree.ts).
  void fastify.register(async (api) => {
    listRoute(api, options.app);
    callRoute(api, options.app);
    filesRoutes(api, options.app, options.uploadLimit ?? 5 * 1024 ** 3, { slots, bodyTimeout });
    schemaRoute(api, options.app);
    sourceRoutes(api, options.app);
    deleteRoute(api, options.app);
    eventsRoute(api, streams);
    linksRoutes(api, options.app, links);
    signedRoutes(api, options.app, options.uploadLimit ?? 5 * 1024 ** 3, { slots, bodyTimeout });
    signedFormRoute(api, options.app, options.uploadLimit ?? 5 * 1024 ** 3, { slots, bodyTimeout });
    if (consoleFolder !== false) consoleRoutes(api, consoleFolder.root);
  });
  return fastify;
}

/** An option in whole milliseconds, at least `min`; anything else is a wiring mistake, named. */
function wholeMs(field: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min)
    throw new ElementError({
      code: ErrorCode.INVALID_ARGUMENT,
      field,
      message: `${field} must be a whole number of milliseconds ≥ ${min}, got ${value}`,
    });
  return value;
}
