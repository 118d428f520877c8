import type { Readable } from 'node:stream';
import type { StorageMeta } from '@mti/core';
import type { FastifyReply } from 'fastify';
import { type Disposition, setObjectHeaders } from './objectHeaders';

/** A storage element as the object routes use it; `downloadStream` when its Type has one. */
export type GatewayStorage = StorageMeta & { downloadStream?: (name: string) => Promise<Readable> };

/**
 * Streams one object back with the object headers (objectHeaders.ts): the one way objects leave
 * the gateway, for `GET …/files/<key>` and for links alike, so both are always sent as data.
 */
export async function sendObject(
  reply: FastifyReply,
  storage: GatewayStorage,
  key: string,
  disposition: Disposition | undefined,
): Promise<FastifyReply> {
  const info = await storage.getObject(key);
  setObjectHeaders(reply, key, info, disposition);
  const body =
    typeof storage.downloadStream === 'function' ? await storage.downloadStream(key) : await storage.download(key);
  return reply.send(body);
}
