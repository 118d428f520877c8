import { createConnection, createServer, type Server, type Socket } from 'node:net';

export type ProxyMode = 'forward' | 'stall' | { cutResponseAfter: number };

export interface TcpProxy {
  endpoint: string;
  port: number;
  mode: ProxyMode;
  /** Like a server that died: listening stops and every open connection is reset. */
  kill(): Promise<void>;
  /** Listening again on the same port. */
  revive(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A loopback TCP proxy in front of a real S3 server, to make faults no server produces on
 * demand: a stall (bytes stop flowing both ways), a response cut short, or a sudden death.
 */
export async function startTcpProxy(targetPort: number, mode: ProxyMode = 'forward'): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  };
  const onConnection = (client: Socket): void => {
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
    track(client);
    track(upstream);
    let sentBack = 0;
    client.on('data', (chunk) => {
      if (proxy.mode !== 'stall') upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      const mode = proxy.mode;
      if (mode === 'stall') return;
      if (typeof mode === 'object') {
        const room = mode.cutResponseAfter - sentBack;
        if (room <= 0) return;
        client.write(chunk.subarray(0, room));
        sentBack += Math.min(room, chunk.length);
        if (sentBack >= mode.cutResponseAfter) {
          client.destroy();
          upstream.destroy();
        }
        return;
      }
      client.write(chunk);
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  };
  const listen = (port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      server = createServer(onConnection);
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server?.address() as { port: number }).port));
    });
  const close = async (): Promise<void> => {
    for (const socket of sockets) socket.resetAndDestroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  };
  const port = await listen(0);
  const proxy: TcpProxy = {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    mode,
    kill: close,
    revive: async () => {
      await listen(port);
    },
    stop: close,
  };
  return proxy;
}
