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

/**
 * Answers every request as AWS answers a bad signature: 403 SignatureDoesNotMatch, echoing the
 * canonical request it computed (every signed header, the session token included) as text and
 * as hex bytes. RGW and s3rver do not echo the request, so only a fake reaches this error path.
 */
export async function signatureMismatchServer(): Promise<FaultServer & { tokens: string[] }> {
  const tokens: string[] = [];
  const hexBytes = (text: string) =>
    Buffer.from(text)
      .toString('hex')
      .replace(/(..)(?!$)/g, '$1 ');
  const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const server = await httpServer((req, res) => {
    const token = req.headers['x-amz-security-token'];
    if (typeof token === 'string') tokens.push(token);
    const signed = /SignedHeaders=([^,]+)/.exec(req.headers.authorization ?? '')?.[1]?.split(';') ?? [];
    const url = new URL(req.url ?? '/', 'http://s3');
    const canonical = [
      req.method,
      url.pathname,
      url.searchParams.toString(),
      ...signed.map((name) => `${name}:${String(req.headers[name])}`),
      '',
      signed.join(';'),
      String(req.headers['x-amz-content-sha256']),
    ].join('\n');
    const toSign = `AWS4-HMAC-SHA256\n${String(req.headers['x-amz-date'])}\nscope\nhash`;
    res.writeHead(403, { 'content-type': 'application/xml' });
    res.end(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch</Code>' +
        '<Message>The request signature we calculated does not match the signature you provided. Check your key and signing method.</Message>' +
        `<AWSAccessKeyId>AKIAEXAMPLE</AWSAccessKeyId><StringToSign>${xml(toSign)}</StringToSign>` +
        `<SignatureProvided>0000</SignatureProvided><StringToSignBytes>${hexBytes(toSign)}</StringToSignBytes>` +
        `<CanonicalRequest>${xml(canonical)}</CanonicalRequest><CanonicalRequestBytes>${hexBytes(canonical)}</CanonicalRequestBytes>` +
        '<RequestId>REQ0001</RequestId><HostId>host-0001</HostId></Error>',
    );
  });
  return Object.assign(server, { tokens });
}
