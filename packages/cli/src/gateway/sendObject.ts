import type { Readable } from 'node:stream';
import { type ByteRange, type DownloadOptions, ErrorCode, type StorageMeta } from '@mti/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayError } from './GatewayError';
import { type Disposition, setObjectHeaders } from './objectHeaders';
import { requestedRange } from './requestedRange';

/**
 * A storage element as the object routes use it: `downloadStream` when its Type has one, and a
 * range argument to both when it reads ranges (offersRanges).
 */
export type GatewayStorage = StorageMeta & {
  download(name: string, options?: DownloadOptions): Promise<Buffer>;
  downloadStream?: (name: string, range?: ByteRange) => Promise<Readable>;
};

export interface SendObjectOptions {
  disposition?: Disposition | undefined;
  /** Served instead of the stored Content-Type: a signed URL's, which the signature fixed. */
  contentType?: string;
  /** Whether the element reads byte ranges (`offersRanges`); if not, a Range header is ignored. */
  ranges: boolean;
}

/**
 * Streams one object back with the object headers (objectHeaders.ts): the one way objects leave
 * the gateway, for `GET …/files/<key>`, links and signed URLs alike, so all are sent as data.
 * A `Range` the element can read is answered with 206 and that part, streamed (a browser seeking
 * in a video, a download resumed with `If-Range`); one past the end with 416 and a Content-Range
 * giving the size; anything else with the whole object (requestedRange.ts). The part is a second
 * read after getObject: an object replaced in between can send bytes of the new version.
 * Pinning it to the ETag needs a conditional read.
 */
export async function sendObject(
  request: FastifyRequest,
  reply: FastifyReply,
  storage: GatewayStorage,
  key: string,
  options: SendObjectOptions,
): Promise<FastifyReply> {
  const stored = await storage.getObject(key);
  const info = options.contentType === undefined ? stored : { ...stored, contentType: options.contentType };
  const wanted = options.ranges
    ? requestedRange(request.headers.range, header(request, 'if-range'), info.size, info.etag)
    : ({ kind: 'whole' } as const);
  if (wanted.kind === 'unsatisfiable') {
    reply.header('content-range', `bytes */${info.size}`);
    throw new GatewayError(ErrorCode.INVALID_ARGUMENT, `range not satisfiable: the object is ${info.size} bytes`, 416, {
      field: 'range',
    });
  }
  setObjectHeaders(reply, key, info, options.disposition, options.ranges);
  if (wanted.kind === 'whole') {
    const body =
      typeof storage.downloadStream === 'function' ? await storage.downloadStream(key) : await storage.download(key);
    return reply.send(body);
  }
  const range = { start: wanted.start, end: wanted.end };
  reply
    .code(206)
    .header('content-range', `bytes ${range.start}-${range.end}/${info.size}`)
    .header('content-length', range.end - range.start + 1);
  const body =
    typeof storage.downloadStream === 'function'
      ? await storage.downloadStream(key, range)
      : await storage.download(key, { range });
  return reply.send(body);
}

/** One request header as a string: Node joins repeated unknown ones with ", ". */
function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
