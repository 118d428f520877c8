import type { IncomingMessage } from 'node:http';

/**
 * Closes the connection of a request answered without reading its body, `ms` after the answer,
 * and reads none of the body meanwhile. Closing at once (`Connection: close`) resets a connection
 * whose client is still sending, and the reset reaches the client before it has read the answer,
 * which it then never sees: 50 clients refused with 503 got EPIPE instead. Dropping the body
 * while the client reads the answer, as web servers' lingering close does, costs memory here
 * (each dropped chunk waits for GC) and still cut clients off before they had read it under
 * load. So the body is left unread: the client's writes stop once the socket buffers are full,
 * it reads the answer, and it closes or is closed.
 */
export function lingeringClose(request: IncomingMessage, ms: number): void {
  const socket = request.socket;
  const timer = setTimeout(() => socket.destroy(), ms);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
  // Marks the body as being consumed (Node would otherwise read and drop all of it once the
  // answer is sent) while reading only up to the stream's high-water mark, then nothing more.
  request.read(0);
}
