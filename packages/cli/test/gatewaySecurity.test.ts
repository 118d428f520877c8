import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import type { LoadedApp } from '@mti/loader';
import { createGateway, type GatewayOptions } from '@mti/cli';
import type { RunningS3rver } from '../../loader/test/support/s3';
import type { TempApp } from '../../loader/test/support/tempApp';
import { OpenGateways } from './support/OpenGateways';
import { closeSeedS3App, seedS3App } from './support/seedS3App';

// The gateway as a hostile page in the same browser and a curious neighbour see it (issue 14):
// every refusal here is a hole that was open before.

let server: RunningS3rver;
let folder: TempApp;
let app: LoadedApp;
const gateways = new OpenGateways();

beforeAll(async () => {
  ({ server, folder, app } = await seedS3App({ config: { prefix: 'security' }, watch: false }));
});
afterAll(async () => {
  await gateways.close();
  await closeSeedS3App({ server, folder, app });
});

const gatewayAt = (options: Omit<GatewayOptions, 'app'> = {}): Promise<string> => gateways.at({ app, ...options });

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One request with exactly these headers (Host included), as a browser or curl could send it. */
function send(url: string, method: string, headers: Record<string, string>, body?: string | Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method, headers, setHost: headers.host === undefined }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

const exists = async (key: string): Promise<boolean> => {
  const storage = app.getElement<{ exists(name: string): Promise<boolean> }>('storages.MyS3');
  return storage.exists(key);
};

describe('Host: DNS rebinding', () => {
  it('refuses a foreign Host before any element is touched, token or not', async () => {
    for (const token of [undefined, 'tok-rebind']) {
      const base = await gatewayAt(token === undefined ? {} : { token });
      const port = new URL(base).port;
      const auth: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };
      const key = `rebound-${token ?? 'open'}`;
      const put = await send(
        `${base}/api/elements/storages.MyS3/files/${key}`,
        'PUT',
        {
          host: `attacker.example:${port}`,
          'content-type': 'text/plain',
          ...auth,
        },
        'x',
      );
      expect(put.status).toBe(403);
      expect(JSON.parse(put.body)).toEqual({
        code: 'ACCESS_DENIED',
        message: expect.stringContaining('attacker.example'),
      });
      expect(put.headers.connection).toBe('close');
      expect(await exists(key)).toBe(false);
      const list = await send(`${base}/api/elements`, 'GET', { host: `attacker.example:${port}`, ...auth });
      expect(list.status).toBe(403);
    }
  });

  it.each(['127.0.0.1', 'localhost', '[::1]', 'LOCALHOST', 'mti.localhost', '127.1.2.3'])(
    'answers the loopback name %s',
    async (name) => {
      const base = await gatewayAt();
      const answer = await send(`${base}/api/elements`, 'GET', { host: `${name}:${new URL(base).port}` });
      expect(answer.status).toBe(200);
    },
  );

  it('refuses a request without a usable Host, and answers names given with allowedHosts', async () => {
    const base = await gatewayAt({ allowedHosts: ['devbox.lan'] });
    const port = new URL(base).port;
    expect((await send(`${base}/api/elements`, 'GET', { host: `devbox.lan:${port}` })).status).toBe(200);
    expect((await send(`${base}/api/elements`, 'GET', { host: `other.lan:${port}` })).status).toBe(403);
    expect((await send(`${base}/api/elements`, 'GET', { host: 'a b' })).status).toBe(403);
    expect((await send(`${base}/api/elements`, 'GET', { host: '127.0.0.1.attacker.example' })).status).toBe(403);
  });
});

describe('Origin: pages of other sites', () => {
  it('refuses a cross-site write before it reaches the element, and allows the own origin', async () => {
    const base = await gatewayAt();
    const url = (key: string) => `${base}/api/elements/storages.MyS3/files/${key}`;
    for (const origin of ['https://evil.example', 'null', `http://127.0.0.1:1`, 'http://localhost.evil.example']) {
      const answer = await send(url('cross-site'), 'PUT', { origin, 'content-type': 'text/plain' }, 'x');
      expect(answer.status).toBe(403);
      expect(JSON.parse(answer.body).code).toBe('ACCESS_DENIED');
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    }
    expect(await exists('cross-site')).toBe(false);
    const own = await send(url('same-site'), 'PUT', { origin: base, 'content-type': 'text/plain' }, 'x');
    expect(own.status).toBe(200);
    expect(await exists('same-site')).toBe(true);
  });

  it('with allowed origins: CORS for them alone, preflight answered without a token', async () => {
    const allowed = 'https://console.example';
    const base = await gatewayAt({ allowedOrigins: [allowed], token: 'tok-cors' });
    const target = `${base}/api/elements/storages.MyS3/files/cors.txt`;
    const preflight = await send(target, 'OPTIONS', {
      origin: allowed,
      'access-control-request-method': 'PUT',
      'access-control-request-headers': 'authorization, content-type',
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(allowed);
    expect(preflight.headers['access-control-allow-methods']).toContain('PUT');
    expect(preflight.headers['access-control-allow-headers']).toContain('authorization');

    const put = await send(
      target,
      'PUT',
      { origin: allowed, authorization: 'Bearer tok-cors', 'content-type': 'text/plain' },
      'x',
    );
    expect(put.status).toBe(200);
    expect(put.headers['access-control-allow-origin']).toBe(allowed);
    const noToken = await send(target, 'PUT', { origin: allowed, 'content-type': 'text/plain' }, 'x');
    expect(noToken.status).toBe(401);

    const foreign = await send(target, 'OPTIONS', {
      origin: 'https://evil.example',
      'access-control-request-method': 'PUT',
    });
    expect(foreign.status).toBe(403);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('has CORS off when no origin is allowed', async () => {
    const base = await gatewayAt();
    const preflight = await send(`${base}/api/elements`, 'OPTIONS', {
      origin: base,
      'access-control-request-method': 'GET',
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('rejects wiring mistakes with a coded error naming the option', () => {
    expect(() => createGateway({ app, allowedOrigins: ['https://a.example/path'] })).toThrow(/--allow-origin/);
    expect(() => createGateway({ app, allowedHosts: ['a b'] })).toThrow(/--allow-host/);
    // Every wiring mistake is a coded error naming its option.
    for (const [options, field] of [
      [{ allowedHosts: ['a b'] }, 'allowedHosts'],
      [{ allowedOrigins: ['ftp://a.example'] }, 'allowedOrigins'],
      [{ maxUploads: 0 }, 'maxUploads'],
      [{ uploadMemory: 1.5 }, 'uploadMemory'],
      [{ bodyTimeout: -1 }, 'bodyTimeout'],
    ] as const) {
      expect(() => createGateway({ app, ...options })).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT', field }) as unknown as Error,
      );
    }
  });
});

describe('objects are data, not pages', () => {
  const html = '<script>document.title = "ran"</script>';

  it.each([
    ['text/html', 'page.html'],
    ['text/html; charset=utf-8', 'page2.html'],
    ['image/svg+xml', 'pic.svg'],
    ['application/xhtml+xml', 'x.xhtml'],
    ['application/rss+xml', 'feed.xml'],
    ['text/javascript', 'app.js'],
  ])('sends %s as an attachment, sandboxed and nosniff', async (contentType, key) => {
    const base = await gatewayAt();
    const url = `${base}/api/elements/storages.MyS3/files/xss/${key}`;
    expect((await send(url, 'PUT', { 'content-type': contentType }, html)).status).toBe(200);
    for (const method of ['GET', 'HEAD']) {
      const answer = await send(url, method, {});
      expect(answer.status).toBe(200);
      expect(answer.headers['content-disposition']).toBe(`attachment; filename="${key}"`);
      expect(answer.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
    }
    const inline = await send(`${url}?disposition=inline`, 'GET', {});
    expect(inline.headers['content-disposition']).toBe(`inline; filename="${key}"`);
    expect(inline.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(inline.body).toBe(html);
  });

  it('leaves passive types inline, and refuses an unknown disposition', async () => {
    const base = await gatewayAt();
    const url = `${base}/api/elements/storages.MyS3/files/xss/photo.png`;
    await send(url, 'PUT', { 'content-type': 'image/png' }, 'png');
    const answer = await send(url, 'GET', {});
    expect(answer.headers['content-disposition']).toBeUndefined();
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    const download = await send(`${url}?disposition=attachment`, 'GET', {});
    expect(download.headers['content-disposition']).toBe('attachment; filename="photo.png"');
    const bad = await send(`${url}?disposition=render`, 'GET', {});
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toEqual({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('disposition') });
  });
});

describe('one shape for every refusal', () => {
  it('answers 404, a bad URL, 413 and 415 as { code, message }', async () => {
    const base = await gatewayAt({ bodyLimit: 64 });
    const notFound = await send(`${base}/nothing/here`, 'GET', {});
    expect(notFound.status).toBe(404);
    expect(JSON.parse(notFound.body)).toEqual({ code: 'NOT_FOUND', message: expect.any(String) });

    const badUrl = await send(`${base}/api/elements/%E0%A4%A/files/x`, 'GET', {});
    expect(badUrl.status).toBe(400);
    expect(Object.keys(JSON.parse(badUrl.body)).sort()).toEqual(['code', 'message']);

    const tooLarge = await send(
      `${base}/api/elements/storages.MyS3/exists`,
      'POST',
      { 'content-type': 'application/json' },
      JSON.stringify(['x'.repeat(200)]),
    );
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.connection).toBe('close');
    expect(JSON.parse(tooLarge.body)).toEqual({ code: 'INVALID_ARGUMENT', message: expect.any(String) });

    const wrongType = await send(
      `${base}/api/elements/storages.MyS3/exists`,
      'POST',
      { 'content-type': 'application/xml' },
      '<x/>',
    );
    expect(wrongType.status).toBe(415);
    expect(JSON.parse(wrongType.body)).toEqual({ code: 'INVALID_ARGUMENT', message: expect.any(String) });
  });

  it.each([
    ['a bad Content-Length', 'GET /api/elements HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\n', 400],
    ['a broken request line', 'GET /api/elements HTTP/9\r\nHost: 127.0.0.1\r\n\r\n', 400],
    [
      'an oversized header',
      `GET /api/elements HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      431,
    ],
  ])('answers %s in the same shape and closes', async (_what, raw, status) => {
    const base = new URL(await gatewayAt());
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(base.port), base.hostname, () => socket.write(raw));
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (text += chunk));
      socket.on('end', () => resolve(text)); // the server closed it
      socket.on('error', reject);
    });
    expect(answer.startsWith(`HTTP/1.1 ${status} `)).toBe(true);
    expect(answer).toMatch(/\r\nConnection: close\r\n/i);
    const body = answer.slice(answer.indexOf('\r\n\r\n') + 4);
    expect(JSON.parse(body)).toEqual({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('malformed HTTP request'),
    });
  });

  it('closes the connection on a 401 instead of reading the body that follows', async () => {
    const base = await gatewayAt({ token: 'tok-close' });
    const url = new URL(`${base}/api/elements/storages.MyS3/files/flood.bin`);
    const chunk = Buffer.alloc(1024 * 1024);
    const result = await new Promise<{ status: number; connection?: string; written: number }>((resolve) => {
      let written = 0;
      let answer: { status: number; connection?: string } | undefined;
      const request = httpRequest(url, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' } });
      const pump = (): void => {
        // Stop at 400 MiB, far past what a refused client may send.
        while (answer === undefined && written < 400 * chunk.length && !request.destroyed) {
          written += chunk.length;
          if (!request.write(chunk)) return void request.once('drain', pump);
        }
      };
      request.on('response', (response) => {
        answer = { status: response.statusCode ?? 0, connection: response.headers.connection };
        response.resume();
      });
      request.on('close', () => resolve({ ...(answer ?? { status: 0 }), written }));
      request.on('error', () => {}); // EPIPE/ECONNRESET once the server has closed: expected
      pump();
    });
    expect(result.status).toBe(401);
    expect(result.connection).toBe('close');
    expect(result.written).toBeLessThan(100 * chunk.length);
  });

  it('matches a non-ASCII token sent as UTF-8, as curl sends it', async () => {
    const token = 'jeton-été-✓';
    const base = new URL(await gatewayAt({ token }));
    const raw = (value: string): Promise<string> =>
      new Promise((resolve, reject) => {
        const socket = connect(Number(base.port), base.hostname, () =>
          socket.write(
            Buffer.concat([
              Buffer.from(
                `GET /api/elements HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: Bearer `,
              ),
              Buffer.from(value, 'utf8'),
              Buffer.from('\r\n\r\n'),
            ]),
          ),
        );
        let text = '';
        socket.setEncoding('utf8');
        socket.on('data', (chunk: string) => (text += chunk));
        socket.on('end', () => resolve(text.slice(0, 12)));
        socket.on('error', reject);
      });
    expect(await raw(token)).toBe('HTTP/1.1 200');
    expect(await raw('jeton-ete-✓')).toBe('HTTP/1.1 401');
  });
});
