import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';

export interface FaultServer {
  endpoint: string;
  requests: number;
  stop(): Promise<void>;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
}

/** A port nobody listens on: connections are refused. */
export async function closedPort(): Promise<string> {
  const server = createTcpServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

/** Accepts connections and never answers. */
export async function silentServer(): Promise<FaultServer> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    state.requests++;
  });
  const port = await listen(server);
  const state: FaultServer = {
    endpoint: `http://127.0.0.1:${port}`,
    requests: 0,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  return state;
}

/** An HTTP server that answers every request with `handler`. */
export async function httpServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<FaultServer> {
  const server = createHttpServer((req, res) => {
    state.requests++;
    req.resume();
    handler(req, res);
  });
  const port = await listen(server);
  const state: FaultServer = {
    endpoint: `http://127.0.0.1:${port}`,
    requests: 0,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  return state;
}
