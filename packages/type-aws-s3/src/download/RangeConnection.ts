import { connect as netConnect, isIP, type OnReadOpts, type Socket } from 'node:net';
import type * as Tls from 'node:tls';
import { type HttpHead, httpError, parseHttpHead } from './httpHead';

// Required on the first https connection, not with the module: the bundler hoists a module's
// imports of Node's own modules to the top of the package's file, so an import here would load
// TLS (about 10 ms) for every `mti ls`, though this code itself loads on first use
// (downloadToFileCode.ts), as requestHandler.ts does for the SDK's https.
const tls = (): typeof Tls => require('node:tls') as typeof Tls;

/** A response head larger than this is refused: S3's are a few hundred bytes. */
const MAX_HEAD_BYTES = 64 * 1024;
/** Of an error answer's body, only this much is read (its XML names the S3 error code). */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

export interface RangeConnectionOptions {
  /** The one buffer every read of the socket lands in. */
  bufferBytes: number;
  /** No byte for this long: the request fails with TimeoutError (the element's timeoutMs). */
  timeoutMs: number;
  connectTimeoutMs: number;
}

/** What one GET does with its answer: refuse it by throwing from `onHead`, take its body piece by piece. */
export interface RangeHandlers {
  /** A 2xx answer's status and headers, before any of its body. */
  onHead(head: HttpHead): void;
  /** A piece of the body, valid only until the promise resolves: the next read reuses its memory. */
  onBody(bytes: Buffer): Promise<void>;
}

/** A kept-alive socket that the server had closed before it answered: sent again on a new one. */
class StaleSocket extends Error {}

interface Exchange {
  /** Bytes read; false pauses the socket until the exchange resumes it. */
  data(bytes: Buffer): boolean;
  end(error: Error): void;
}

/**
 * One kept-alive HTTP/1.1 connection for ranged GETs of presigned URLs, each read landing in one
 * buffer of its own (Node's `onread`), and the next read waiting until that piece is written.
 * Why not the SDK's HTTP handler for these: Node's HTTP client allocates a new buffer for every
 * read of a socket, dead once written, and V8 lets about 64 MiB of them pile up before collecting
 * them (docs/BENCHMARKS.md, finding 7): a download's memory would be that, not its buffers. Here
 * a download holds `concurrency` × `bufferBytes` and allocates nothing per read. The requests are
 * still the SDK's: it signs each URL with the element's credentials (the HeadObject before the
 * parts goes through the client as every other call).
 */
export class RangeConnection {
  readonly #options: RangeConnectionOptions;
  readonly #buffer: Buffer;
  #socket: Socket | undefined;
  #origin: string | undefined;
  #exchange: Exchange | undefined;

  constructor(options: RangeConnectionOptions) {
    this.#options = options;
    this.#buffer = Buffer.allocUnsafeSlow(options.bufferBytes);
  }

  /** GETs `url` with `headers`; resolves once the whole body has been taken by `onBody`. */
  async get(url: URL, headers: Record<string, string>, signal: AbortSignal, handlers: RangeHandlers): Promise<void> {
    const reused = this.#socket !== undefined && this.#origin === url.origin;
    if (!reused) this.#connect(url);
    try {
      await this.#exchangeOn(this.#socket as Socket, reused, url, headers, signal, handlers);
    } catch (error) {
      if (!(error instanceof StaleSocket)) throw error;
      this.#connect(url);
      await this.#exchangeOn(this.#socket as Socket, false, url, headers, signal, handlers);
    }
  }

  close(): void {
    this.#socket?.destroy();
    this.#socket = undefined;
  }

  #connect(url: URL): void {
    this.close();
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const onread: OnReadOpts = {
      buffer: this.#buffer,
      callback: (length: number, buffer: Buffer): boolean => this.#exchange?.data(buffer.subarray(0, length)) ?? true,
    };
    const socket =
      url.protocol === 'https:'
        ? // TLS sockets take `onread` too (Node 14.16 and later), though @types/node does not say so.
          tls().connect({
            host,
            port,
            onread,
            ...(isIP(host) === 0 ? { servername: host } : {}),
          } as Tls.ConnectionOptions)
        : netConnect({ host, port, onread });
    socket.setNoDelay(true);
    let waiting = `no connection within ${this.#options.connectTimeoutMs} ms`;
    socket.setTimeout(this.#options.connectTimeoutMs);
    socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
      waiting = `no data from the server for ${this.#options.timeoutMs} ms`;
      socket.setTimeout(this.#options.timeoutMs);
    });
    socket.on('timeout', () => socket.destroy(Object.assign(new Error(waiting), { name: 'TimeoutError' })));
    const ended = (error: Error): void => {
      if (this.#socket === socket) this.#socket = undefined;
      this.#exchange?.end(error);
    };
    socket.on('error', ended);
    socket.on('end', () => ended(Object.assign(new Error('the server closed the connection'), { code: 'ECONNRESET' })));
    socket.on('close', () => ended(Object.assign(new Error('the connection closed'), { code: 'ECONNRESET' })));
    this.#socket = socket;
    this.#origin = url.origin;
  }

  #exchangeOn(
    socket: Socket,
    reused: boolean,
    url: URL,
    headers: Record<string, string>,
    signal: AbortSignal,
    handlers: RangeHandlers,
  ): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let received = 0;
      let phase: 'head' | 'body' | 'error' = 'head';
      let head = Buffer.alloc(0);
      let answer: HttpHead | undefined;
      let remaining = 0;
      let errorBody = '';
      let keepAlive = true;
      let settled = false;
      const finish = (error?: Error): void => {
        if (settled) return;
        settled = true;
        this.#exchange = undefined;
        signal.removeEventListener('abort', onAbort);
        if (error !== undefined || !keepAlive) this.close();
        // Kept for the next request, reading again (the last piece of the body paused it).
        else socket.resume();
        if (error === undefined) resolve();
        else reject(error);
      };
      const onAbort = (): void => finish(Object.assign(new Error('the download was stopped'), { name: 'AbortError' }));
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });

      const deliver = (bytes: Buffer): boolean => {
        // Bytes beyond the answer's length are not ours to read: the socket is not reused.
        if (bytes.length > remaining) keepAlive = false;
        const piece = bytes.length > remaining ? bytes.subarray(0, remaining) : bytes;
        remaining -= piece.length;
        handlers.onBody(piece).then(
          () => {
            if (settled) return;
            if (remaining === 0) finish();
            else socket.resume();
          },
          (error: unknown) => finish(error as Error),
        );
        return false;
      };
      const takeErrorBody = (bytes: Buffer): void => {
        const piece = bytes.subarray(0, Math.min(bytes.length, remaining));
        errorBody += piece.toString('utf8');
        remaining -= piece.length;
        if (remaining === 0 || errorBody.length >= MAX_ERROR_BODY_BYTES) {
          if (remaining !== 0) keepAlive = false;
          finish(httpError((answer as HttpHead).status, errorBody));
        }
      };

      this.#exchange = {
        data: (bytes) => {
          received += bytes.length;
          if (phase === 'body') return deliver(bytes);
          if (phase === 'error') {
            takeErrorBody(bytes);
            return true;
          }
          // The head, copied out of the shared buffer, which the next read overwrites.
          head = Buffer.concat([head, bytes]);
          const end = head.indexOf('\r\n\r\n');
          if (end < 0) {
            if (head.length > MAX_HEAD_BYTES) finish(new Error('the server sent no end to its response head'));
            return true;
          }
          answer = parseHttpHead(head.subarray(0, end));
          const rest = head.subarray(end + 4);
          if (answer === undefined) {
            finish(new Error('the server did not answer in HTTP/1.1'));
            return true;
          }
          const length = answer.headers.get('content-length');
          keepAlive = !/\bclose\b/i.test(answer.headers.get('connection') ?? '') && length !== undefined;
          remaining = length === undefined ? 0 : Number(length);
          if (answer.status < 200 || answer.status > 299) {
            phase = 'error';
            if (remaining === 0) finish(httpError(answer.status, ''));
            else takeErrorBody(rest);
            return true;
          }
          if (length === undefined || !/^\d+$/.test(length)) {
            finish(new Error('the server sent a body without a Content-Length'));
            return true;
          }
          try {
            handlers.onHead(answer);
          } catch (error) {
            finish(error as Error);
            return true;
          }
          phase = 'body';
          if (remaining === 0) {
            finish();
            return true;
          }
          return rest.length > 0 ? deliver(rest) : true;
        },
        end: (error) => finish(reused && received === 0 ? new StaleSocket(error.message) : error),
      };
      const lines = [`GET ${url.pathname}${url.search} HTTP/1.1`, `Host: ${url.host}`];
      for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
  }
}
