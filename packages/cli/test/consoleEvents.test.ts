import { request as httpRequest, type IncomingMessage } from 'node:http';
import { createGateway } from '@mti/cli';
import type { LoadedApp } from '@mti/loader';
import type { FastifyInstance } from 'fastify';
import type { RunningS3rver } from '../../loader/test/support/s3';
import { seedConfig, type TempApp } from '../../loader/test/support/tempApp';
import { OpenGateways } from './support/OpenGateways';
import { closeSeedS3App, seedS3App } from './support/seedS3App';

// `GET /api/events` (issue 16): the watcher's reloads and errors as server-sent events, read as
// the console reads them (a plain GET with the bearer header), and streams that end when the
// gateway closes.

const TOKEN = 'events-token';

let s3: RunningS3rver;
let folder: TempApp;
let app: LoadedApp;
const gateways = new OpenGateways();

beforeAll(async () => {
  ({ server: s3, folder, app } = await seedS3App({ config: { prefix: 'events' }, watch: true }));
}, 60_000);
afterAll(async () => {
  await gateways.close();
  await closeSeedS3App({ server: s3, folder, app });
});

interface ServerEvent {
  event: string;
  data: Record<string, unknown>;
}

/** An open event stream: what has arrived so far, parsed, and a way to wait for more. */
class EventReader {
  text = '';
  ended = false;
  readonly response: IncomingMessage;
  readonly #waiters = new Set<() => void>();

  constructor(response: IncomingMessage) {
    this.response = response;
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      this.text += chunk;
      this.#wake();
    });
    response.on('end', () => {
      this.ended = true;
      this.#wake();
    });
  }

  get events(): ServerEvent[] {
    return this.text
      .split('\n\n')
      .map((block) => {
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        return event === undefined || data === undefined ? undefined : { event, data: JSON.parse(data) };
      })
      .filter((event): event is ServerEvent => event !== undefined);
  }

  /** Resolves once `check` holds, or fails after `timeoutMs` with what arrived. */
  until(check: (reader: EventReader) => boolean, timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const waiter = (): void => {
        if (!check(this)) return;
        clearTimeout(timer);
        this.#waiters.delete(waiter);
        resolve();
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        reject(new Error(`not seen within ${timeoutMs} ms; stream so far:\n${this.text}`));
      }, timeoutMs);
      this.#waiters.add(waiter);
      waiter();
    });
  }

  #wake(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }
}

function subscribe(base: string, token?: string): Promise<EventReader> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${base}/api/events`, {
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    });
    request.on('response', (response) => resolve(new EventReader(response)));
    request.on('error', reject);
    request.end();
  });
}

async function gatewayAt(options: Partial<Parameters<typeof createGateway>[0]> = {}): Promise<FastifyInstance> {
  const gateway = createGateway({ app, token: TOKEN, console: false, ...options });
  gateways.add(gateway);
  await gateway.listen({ port: 0, host: '127.0.0.1' });
  return gateway;
}

/** Waits until the app has `count` reload listeners (a closed stream unsubscribes on its close event). */
async function reloadListeners(count: number): Promise<number> {
  const deadline = Date.now() + 5_000;
  while (app.listenerCount('reload') !== count && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 20));
  return app.listenerCount('reload');
}

const baseOf = (gateway: FastifyInstance): string => {
  const address = gateway.server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening');
  return `http://127.0.0.1:${address.port}`;
};

describe('GET /api/events', () => {
  it('needs the token', async () => {
    const base = baseOf(await gatewayAt());
    const refused = await subscribe(base);
    expect(refused.response.statusCode).toBe(401);
    await refused.until((reader) => reader.ended);
  });

  it('delivers reload events, with the error of a broken config, and error events', async () => {
    const base = baseOf(await gatewayAt());
    const reader = await subscribe(base, TOKEN);
    expect(reader.response.statusCode).toBe(200);
    expect(reader.response.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(reader.response.headers['cache-control']).toContain('no-cache');
    await reader.until((r) => r.text.startsWith(': connected'));

    folder.write('storages/MyS3/MyS3.json', seedConfig({ prefix: 'events', region: 'not a region!' }));
    await reader.until((r) => r.events.some((e) => e.event === 'reload' && e.data.status === 'error'));
    const reload = reader.events.find((e) => e.event === 'reload' && e.data.status === 'error') as ServerEvent;
    expect(reload.data).toEqual({
      fullName: 'storages.MyS3',
      status: 'error',
      ms: expect.any(Number),
      error: {
        code: 'INVALID_CONFIG',
        message: expect.stringContaining('region'),
        file: 'storages/MyS3/MyS3.json',
        field: 'region',
      },
    });
    // The loader reports the same problem as an `error` event, naming the element.
    await reader.until((r) => r.events.some((e) => e.event === 'error'));
    expect(reader.events.find((e) => e.event === 'error')?.data).toEqual({
      fullName: 'storages.MyS3',
      error: expect.objectContaining({ code: 'INVALID_CONFIG', field: 'region' }),
    });

    folder.write('storages/MyS3/MyS3.json', seedConfig({ prefix: 'events' }));
    await reader.until((r) => r.events.some((e) => e.event === 'reload' && e.data.status === 'ready'));
    expect(reader.ended).toBe(false);
    reader.response.destroy();
    expect(await reloadListeners(0)).toBe(0);
  });

  it('pings idle streams, and unsubscribes a client that goes away', async () => {
    const before = app.listenerCount('reload');
    const base = baseOf(await gatewayAt({ eventPingMs: 50 }));
    const reader = await subscribe(base, TOKEN);
    await reader.until((r) => r.text.includes(': ping\n\n'));
    expect(app.listenerCount('reload')).toBe(before + 1);
    reader.response.destroy();
    expect(await reloadListeners(before)).toBe(before);
  });

  it('ends open streams when the gateway closes, so close() does not hang', async () => {
    const before = app.listenerCount('reload');
    const gateway = await gatewayAt();
    const base = baseOf(gateway);
    const readers = [await subscribe(base, TOKEN), await subscribe(base, TOKEN)];
    await Promise.all(readers.map((reader) => reader.until((r) => r.text.startsWith(': connected'))));
    let timer: NodeJS.Timeout | undefined;
    const closed = gateway.close().then(() => 'closed');
    const hung = new Promise((resolve) => (timer = setTimeout(() => resolve('hung'), 5_000)));
    expect(await Promise.race([closed, hung])).toBe('closed');
    clearTimeout(timer);
    for (const reader of readers) await reader.until((r) => r.ended, 1_000);
    expect(app.listenerCount('reload')).toBe(before);
  });
});
