import { finished } from 'node:stream';

/** A stream a call returned, as the generation that served the call sees it. */
export interface ReturnedStream {
  /** Calls `done` once the stream has ended, failed or been destroyed (at once if it already has). */
  whenDone(done: () => void): void;
  /** Ends the stream with `error`, which its consumer gets instead of the rest of the data. */
  cut(error: Error): void;
}

interface NodeLikeStream {
  pipe: (...args: unknown[]) => unknown;
  on: (event: string, listener: () => void) => unknown;
  emit?: (event: string, ...args: unknown[]) => unknown;
  listenerCount?: (event: string) => number;
  destroy?: (error?: Error) => unknown;
  destroyed?: boolean;
  closed?: boolean;
  readableEnded?: boolean;
}

interface WebReadableStream {
  getReader: () => unknown;
  cancel: (reason?: unknown) => Promise<void>;
  locked: boolean;
}

/**
 * The stream in a call's result, or undefined when the result is not one. Such a stream still
 * reads through the instance (and its pooled client) that made it, so the call is only over
 * when the stream is.
 */
export function returnedStream(value: unknown): ReturnedStream | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const candidate = value as Partial<NodeLikeStream & WebReadableStream>;
  if (typeof candidate.pipe === 'function' && typeof candidate.on === 'function') {
    return nodeStream(value as NodeLikeStream);
  }
  if (typeof candidate.getReader === 'function' && typeof candidate.cancel === 'function') {
    return webStream(value as WebReadableStream);
  }
  return undefined;
}

function nodeStream(stream: NodeLikeStream): ReturnedStream {
  return {
    whenDone(callback) {
      if (stream.closed === true || stream.destroyed === true || stream.readableEnded === true) {
        callback();
        return;
      }
      let called = false;
      const done = (): void => {
        if (called) return;
        called = true;
        callback();
      };
      // Not node:stream's `finished`: it adds an 'error' listener, which would turn an error nobody
      // listens for into a silent one. 'close' is what a stream emits last, whether it ended,
      // failed or was destroyed; 'end' covers older streams that never emit 'close'.
      stream.on('close', done);
      stream.on('end', done);
    },
    cut(error) {
      if (typeof stream.destroy === 'function') stream.destroy(error);
      else if ((stream.listenerCount?.('error') ?? 0) > 0) stream.emit?.('error', error);
    },
  };
}

function webStream(stream: WebReadableStream): ReturnedStream {
  return {
    whenDone(done) {
      // Node watches its own web streams without locking them (`finished` takes them since
      // 18.14, though @types/node 22 does not say so); one it cannot watch (another
      // implementation's) is let go at once, as before streams were tracked.
      try {
        finished(stream as unknown as NodeJS.ReadableStream, () => done());
      } catch {
        done();
      }
    },
    cut(error) {
      // A web stream can only be errored through its reader, which the consumer holds once it
      // reads: then the consumer sees what the disposed instance's source does.
      if (!stream.locked) stream.cancel(error).catch(() => {});
    },
  };
}
