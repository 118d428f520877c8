import { PassThrough } from 'node:stream';
import type { GatewayApp, GatewayErrorEvent, GatewayReloadEvent } from '../GatewayApp';
import { errorJson } from './errorJson';

/** How often an idle stream gets a `: ping` comment, so proxies and clients see it is alive. */
export const PING_MS = 15_000;

/**
 * The open server-sent event streams of a gateway: each gets the app's `reload` and `error`
 * events while its client is connected. `close()` ends them all: an open stream would
 * otherwise keep its connection, and the gateway's `close()`, waiting forever.
 */
export class EventStreams {
  readonly #app: GatewayApp;
  readonly #streams = new Set<PassThrough>();
  readonly #pingMs: number;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(app: GatewayApp, pingMs = PING_MS) {
    this.#app = app;
    this.#pingMs = pingMs;
  }

  /** A new stream, already subscribed; it unsubscribes when it ends or its client goes. */
  open(): PassThrough {
    const stream = new PassThrough();
    if (this.#closed) {
      stream.end();
      return stream;
    }
    this.#streams.add(stream);
    if (this.#streams.size === 1) this.#subscribe();
    // Sent at once: the client knows it is connected, and no event can precede its headers.
    stream.write(': connected\n\n');
    stream.once('close', () => this.#drop(stream));
    return stream;
  }

  /** Ends every stream and takes no new ones. */
  close(): void {
    this.#closed = true;
    for (const stream of [...this.#streams]) {
      stream.end();
      this.#drop(stream);
    }
  }

  get size(): number {
    return this.#streams.size;
  }

  readonly #onReload = (event: GatewayReloadEvent): void => {
    this.#send('reload', {
      fullName: event.fullName,
      status: event.status,
      ms: event.ms,
      ...(event.error === undefined ? {} : { error: errorJson(event.error) }),
    });
  };

  readonly #onError = (event: GatewayErrorEvent): void => {
    this.#send('error', {
      ...(event.fullName === undefined ? {} : { fullName: event.fullName }),
      error: errorJson(event.error),
    });
  };

  #send(event: string, data: unknown): void {
    // JSON has no raw newlines, so one `data:` line always holds the whole event.
    const text = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const stream of this.#streams) stream.write(text);
  }

  #subscribe(): void {
    this.#app.on?.('reload', this.#onReload);
    this.#app.on?.('error', this.#onError);
    this.#timer = setInterval(() => {
      for (const stream of this.#streams) stream.write(': ping\n\n');
    }, this.#pingMs);
    this.#timer.unref();
  }

  #drop(stream: PassThrough): void {
    if (!this.#streams.delete(stream) || this.#streams.size > 0) return;
    this.#app.off?.('reload', this.#onReload);
    this.#app.off?.('error', this.#onError);
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
