import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ErrorCode } from '@mti/core';
import type { FastifyInstance } from 'fastify';
import { GatewayError } from '../GatewayError';
import { tokenFree } from '../guard/tokenFree';
import { isInside } from '../source/isInside';
import { assetType } from './assetType';
import { setConsoleHeaders } from './consoleHeaders';

// Names a build emits (`index-DtHTj1NJ.js`, maybe in sub-folders); no dot-names, no `..`.
const assetPath = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;

/**
 * The browser console: `GET /` answers its `index.html`, `GET /assets/*` the built files. No
 * token is needed (they hold no data; the page asks for the token and sends it on every `/api`
 * call), but the Host/Origin guard applies as everywhere. The console uses hash routes, so no
 * other path is served. Files are looked up per request, so a build made while the gateway runs
 * is picked up, and a folder never built answers 404 saying how to build it.
 *
 * Served here rather than with @fastify/static: its content-disposition dependency is an ES
 * module, which the test runner cannot require, and two routes of a handful of files need
 * little of it.
 */
export function consoleRoutes(fastify: FastifyInstance, root: string): void {
  fastify.get('/', { config: tokenFree }, async (_request, reply) => {
    let html: Buffer;
    try {
      html = await readFile(join(root, 'index.html'));
    } catch {
      throw new GatewayError(
        ErrorCode.NOT_FOUND,
        'the console is not built (its index.html is missing): run pnpm build',
        404,
      );
    }
    setConsoleHeaders(reply);
    // The asset names change with every build; the page must not be kept past one.
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  });

  fastify.get<{ Params: { '*': string } }>('/assets/*', { config: tokenFree }, async (request, reply) => {
    const name = request.params['*'];
    const missing = (): GatewayError =>
      new GatewayError(ErrorCode.NOT_FOUND, `no console asset ${JSON.stringify(name)}`, 404);
    if (!assetPath.test(name)) throw missing();
    let file: string;
    let size: number;
    try {
      const assets = await realpath(join(root, 'assets'));
      file = await realpath(join(assets, name));
      const stats = await stat(file);
      // A link in the build folder leading elsewhere is not served.
      if (!isInside(assets, file) || !stats.isFile()) throw missing();
      size = stats.size;
    } catch {
      throw missing();
    }
    setConsoleHeaders(reply);
    return (
      reply
        .type(assetType(file))
        .header('content-length', size)
        // Vite names assets by their content: a name never changes meaning.
        .header('cache-control', 'public, max-age=31536000, immutable')
        .send(createReadStream(file))
    );
  });
}
