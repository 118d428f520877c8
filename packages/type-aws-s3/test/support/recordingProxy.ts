import { createConnection, createServer, type Socket } from 'node:net';

/** A request as the proxy saw it go by: its request line and its Range header, if any. */
export interface SeenRequest {
  method: string;
  path: string;
  range: string | undefined;
}

export interface RecordingProxy {
  endpoint: string;
  /** Every request, in the order their first bytes arrived. */
  requests: SeenRequest[];
  /** The ranged GETs among them (`bytes=a-b`), in order. */
  ranges(): string[];
  /**
   * The most connections that carried ranged GETs open at once: with one request at a time on a
   * connection, at least the most ranged GETs in flight at once.
   */
  peakRangedConnections: number;
  /** Ranged requests held back so far (see `holdRangedFrom`). */
  held: number;
  /** Sends every held request on, and holds no more. */
  release(): void;
  /** Resolves once `check()` is true, looking each time a request arrives (rejects after `ms`). */
  until(check: () => boolean, ms?: number): Promise<void>;
  stop(): Promise<void>;
}

export interface RecordingProxyOptions {
  /** Holds the nth ranged request and every one after it (1-based) until `release()`. */
  holdRangedFrom?: number;
  /** Cuts the connection carrying the nth ranged request (1-based) after this many response bytes. */
  cutRanged?: { nth: number; afterBytes: number };
}

const requestLine = /^([A-Z]+) (\S+) HTTP\/1\.1\r\n/;
const rangeHeader = /\r\nrange: *([^\r\n]+)/i;

/**
 * A loopback TCP proxy in front of a real S3 server that records the requests passing through
 * (read from the bytes: the SDK writes a request's head in one piece), counts connections, and
 * on demand holds ranged requests back or cuts a response short, so tests can act at a known
 * point of a download without timing anything.
 */
export async function startRecordingProxy(
  targetPort: number,
  options: RecordingProxyOptions = {},
): Promise<RecordingProxy> {
  const sockets = new Set<Socket>();
  const waiters = new Set<() => void>();
  const heldBack: Array<() => void> = [];
  let open = 0;
  let ranged = 0;
  let holding = options.holdRangedFrom !== undefined;

  const server = createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {});
    }
    let ranging = false;
    client.on('close', () => {
      if (ranging) open--;
    });
    let heldHere = false;
    let cutAfter: number | undefined;
    client.on('data', (chunk: Buffer) => {
      const text = chunk.toString('latin1');
      const line = requestLine.exec(text);
      if (line !== null) {
        const range = rangeHeader.exec(text)?.[1];
        proxy.requests.push({ method: line[1] as string, path: line[2] as string, range });
        if (range !== undefined) {
          ranged++;
          if (!ranging) {
            ranging = true;
            open++;
            proxy.peakRangedConnections = Math.max(proxy.peakRangedConnections, open);
          }
          if (holding && ranged >= (options.holdRangedFrom as number)) {
            heldHere = true;
            proxy.held++;
          }
          if (options.cutRanged?.nth === ranged) cutAfter = options.cutRanged.afterBytes;
        }
        for (const wake of [...waiters]) wake();
      }
      if (heldHere && holding) heldBack.push(() => upstream.write(chunk));
      else upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (cutAfter === undefined) {
        client.write(chunk);
        return;
      }
      client.write(chunk.subarray(0, cutAfter));
      cutAfter -= Math.min(cutAfter, chunk.length);
      if (cutAfter === 0) {
        client.destroy();
        upstream.destroy();
      }
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
  });

  const proxy: RecordingProxy = {
    endpoint: `http://127.0.0.1:${port}`,
    requests: [],
    ranges: () => proxy.requests.flatMap((r) => (r.range === undefined ? [] : [r.range])),
    peakRangedConnections: 0,
    held: 0,
    release() {
      holding = false;
      for (const send of heldBack.splice(0)) send();
    },
    until(check, ms = 20_000) {
      if (check()) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`the proxy saw ${JSON.stringify(proxy.requests)} and the condition never held`));
        }, ms);
        const wake = (): void => {
          if (!check()) return;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve();
        };
        waiters.add(wake);
      });
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return proxy;
}
