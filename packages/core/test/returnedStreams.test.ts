import { Readable } from 'node:stream';
import { createApp, ElementError, storagesMeta } from '@mti/core';
import { MemoryStorageType, memoryRegistration } from './fixtures/MemoryStorageType';
import { goodConfig, memoryInstance } from './fixtures/records';

// The stream kinds besides the S3 Type's Readable (loader/test/openStreams.test.ts covers that one
// against a real server): web streams, streams returned without a promise, and streams whose
// call outlasts the grace period.

/** Where the test reaches the streams the element hands out. */
const made = {
  web: undefined as ReadableStreamDefaultController<Uint8Array> | undefined,
  cancelledWith: undefined as unknown,
  gate: Promise.resolve(),
};

class StreamingType extends MemoryStorageType {
  webStream(): Promise<ReadableStream<Uint8Array>> {
    return Promise.resolve(
      new ReadableStream<Uint8Array>({
        start: (controller) => {
          made.web = controller;
        },
        cancel: (reason) => {
          made.cancelledWith = reason;
        },
      }),
    );
  }

  /** A stream returned as is, not in a promise. */
  readableNow(): Readable {
    return new Readable({ read() {} });
  }

  /** A stream that comes once the test opens `made.gate`. */
  async readableLater(): Promise<Readable> {
    await made.gate;
    return new Readable({ read() {} });
  }
}
type Streaming = StreamingType;

function appWith(closeTimeoutMs?: number) {
  return createApp({
    registrations: [
      storagesMeta,
      memoryRegistration,
      { ...memoryRegistration, fullName: 'storages.StreamingType', implementation: StreamingType },
    ],
    env: {},
    elements: [memoryInstance('storages/MyS3', goodConfig, 'storages.StreamingType')],
    ...(closeTimeoutMs === undefined ? {} : { closeTimeoutMs }),
  });
}

/**
 * As a consumer would: a stream 'error' nobody listens for ends the process. The tests read the
 * error from `stream.errored`, which `destroy(error)` sets at once (the event comes a tick later).
 */
function listenForErrors(stream: Readable): void {
  stream.on('error', () => {});
}

/** Lets every pending promise job and timer-free callback run. */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

beforeEach(() => {
  MemoryStorageType.disposed = [];
  made.web = undefined;
  made.cancelledWith = undefined;
  made.gate = Promise.resolve();
});

describe('a returned web ReadableStream', () => {
  it('keeps its instance until the consumer has read it to the end', async () => {
    const app = appWith();
    const stream = await app.getElement<Streaming>('storages.MyS3').webStream();
    const reader = stream.getReader();
    made.web!.enqueue(Buffer.from('first'));
    expect(Buffer.from((await reader.read()).value!).toString()).toBe('first');
    let closed = false;
    const closing = app.close().then(() => {
      closed = true;
    });
    await turn();
    expect(MemoryStorageType.disposed).toEqual([]);
    made.web!.enqueue(Buffer.from('last'));
    made.web!.close();
    expect(Buffer.from((await reader.read()).value!).toString()).toBe('last');
    expect(closed).toBe(false);
    expect((await reader.read()).done).toBe(true);
    await closing;
    expect(MemoryStorageType.disposed).toEqual(['storages.MyS3']);
  });

  it('that nobody reads is cancelled with TIMEOUT when the grace period is over', async () => {
    const app = appWith(0);
    await app.getElement<Streaming>('storages.MyS3').webStream();
    await app.close();
    expect(ElementError.hasCode(made.cancelledWith, 'TIMEOUT')).toBe(true);
    expect(made.cancelledWith).toMatchObject({ element: 'storages.MyS3' });
    expect(MemoryStorageType.disposed).toEqual(['storages.MyS3']);
  });
});

describe('a returned node stream', () => {
  it('returned without a promise is held too, and cut with TIMEOUT after the grace period', async () => {
    const app = appWith(0);
    const stream = app.getElement<Streaming>('storages.MyS3').readableNow();
    listenForErrors(stream);
    await app.close();
    expect(ElementError.hasCode(stream.errored, 'TIMEOUT')).toBe(true);
    expect(stream.errored?.message).toBe(
      'app "app" was closing: a stream from storages.MyS3 was still open 0 ms later (closeTimeoutMs), ' +
        'so it ends with this error instead of its remaining data',
    );
  });

  it('that comes after the grace period is over is cut at once', async () => {
    const app = appWith(0);
    let open!: () => void;
    made.gate = new Promise((resolve) => (open = resolve));
    const coming = app.getElement<Streaming>('storages.MyS3').readableLater();
    const closing = app.close();
    // Timers of the same delay run in the order they were set: the grace period (0 ms) is over
    // before this one fires.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(MemoryStorageType.disposed).toEqual([]);
    open();
    const stream = await coming;
    listenForErrors(stream);
    await closing;
    expect(ElementError.hasCode(stream.errored, 'TIMEOUT')).toBe(true);
    expect(MemoryStorageType.disposed).toEqual(['storages.MyS3']);
  });
});

describe('closeTimeoutMs', () => {
  it.each([-1, Number.NaN, '100'])('refuses %p', (value) => {
    expect(() => appWith(value as number)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'closeTimeoutMs' }),
    );
  });
});
