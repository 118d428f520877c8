import type { FastifyInstance } from 'fastify';
import type { EventStreams } from '../events/EventStreams';

/**
 * `GET /api/events`: a `text/event-stream` of the app's `reload` and `error` events, with a
 * `: ping` comment every 15 s. Token needed like all of /api: browsers read it with fetch and
 * the Authorization header, as EventSource cannot send one.
 */
export function eventsRoute(fastify: FastifyInstance, streams: EventStreams): void {
  fastify.get('/api/events', async (_request, reply) => {
    const stream = streams.open();
    // The connection closed (the client went away, or the stream ended): unsubscribe it.
    reply.raw.once('close', () => stream.destroy());
    return (
      reply
        .type('text/event-stream; charset=utf-8')
        .header('cache-control', 'no-cache, no-transform')
        // Proxies such as nginx would otherwise hold the events back in their buffer.
        .header('x-accel-buffering', 'no')
        .send(stream)
    );
  });
}
