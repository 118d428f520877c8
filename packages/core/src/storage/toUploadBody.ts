import { Readable } from 'node:stream';

/** Bytes to write at once, or a stream of unknown length: how every Type's upload reads `data`. */
export type UploadBody = { kind: 'bytes'; bytes: Buffer } | { kind: 'stream'; stream: Readable };

/** Normalises what `uploadByFile` accepts, or says why it cannot. */
export function toUploadBody(data: unknown): UploadBody | string {
  if (typeof data === 'string') return { kind: 'bytes', bytes: Buffer.from(data, 'utf8') };
  if (Buffer.isBuffer(data)) return { kind: 'bytes', bytes: data };
  if (data instanceof Uint8Array)
    return { kind: 'bytes', bytes: Buffer.from(data.buffer, data.byteOffset, data.byteLength) };
  if (isReadable(data)) return { kind: 'stream', stream: data };
  const got =
    data === null
      ? 'null'
      : Array.isArray(data)
        ? 'an array'
        : typeof data === 'object'
          ? 'a plain object'
          : typeof data;
  return `must be a Buffer, Uint8Array, string or Readable stream, got ${got}`;
}

function isReadable(value: unknown): value is Readable {
  if (value instanceof Readable) return true;
  // Streams from another copy of the stream module (or readable-stream) pass the duck test.
  const candidate = value as { pipe?: unknown; on?: unknown; read?: unknown } | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.pipe === 'function' &&
    typeof candidate.on === 'function' &&
    typeof candidate.read === 'function'
  );
}
