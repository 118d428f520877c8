import { createApp, wasHandedToCaller, storagesMeta } from '@mti/core';
import { MemoryStorageType, memoryRegistration } from './fixtures/MemoryStorageType';
import { goodConfig, memoryInstance } from './fixtures/records';

// The loader leaves an error escaping from Type code to Node when a call had handed it to its
// caller (it is then the host's to handle): core marks those errors.

class ThrowingType extends MemoryStorageType {
  throwsAtOnce(): never {
    throw new Error('thrown by the call itself');
  }

  async rejects(): Promise<never> {
    throw new Error('the call rejected');
  }

  /** An error of the instance's own, never given to the caller. */
  keptError(): Error {
    return new Error('kept by the instance');
  }
}

function app() {
  return createApp({
    registrations: [
      storagesMeta,
      { ...memoryRegistration, fullName: 'storages.ThrowingType', implementation: ThrowingType },
    ],
    env: {},
    elements: [memoryInstance('storages/Thrower', goodConfig, 'storages.ThrowingType')],
  });
}

describe('errors a call hands to its caller', () => {
  it('marks what a call threw or rejected with, and nothing else', async () => {
    const running = app();
    const thrower = running.getElement<ThrowingType>('storages.Thrower');
    let thrown: unknown;
    try {
      thrower.throwsAtOnce();
    } catch (error) {
      thrown = error;
    }
    expect((thrown as Error).message).toBe('thrown by the call itself');
    expect(wasHandedToCaller(thrown)).toBe(true);

    const rejected = await thrower.rejects().catch((error: unknown) => error);
    expect((rejected as Error).message).toBe('the call rejected');
    expect(wasHandedToCaller(rejected)).toBe(true);

    expect(wasHandedToCaller(await thrower.keptError())).toBe(false);
    expect(wasHandedToCaller(new Error('never near a call'))).toBe(false);
    expect(wasHandedToCaller('not an object')).toBe(false);
    await running.close();
  });
});
