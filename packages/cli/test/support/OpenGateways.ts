import { createGateway, type GatewayOptions } from '@mti/cli';
import type { FastifyInstance } from 'fastify';

/** Gateways a test file opens as it goes, each on a free port, all closed at its end. */
export class OpenGateways {
  readonly #open: FastifyInstance[] = [];

  /** A gateway with these options, listening on 127.0.0.1: its base URL. */
  async at(options: GatewayOptions): Promise<string> {
    const gateway = createGateway(options);
    this.#open.push(gateway);
    return gateway.listen({ port: 0, host: '127.0.0.1' });
  }

  /** A gateway the test made itself, closed with the others. */
  add(gateway: FastifyInstance): void {
    this.#open.push(gateway);
  }

  async close(): Promise<void> {
    for (const gateway of this.#open) await gateway.close();
  }
}
