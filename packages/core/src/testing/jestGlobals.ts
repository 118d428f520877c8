/**
 * The few jest globals the contract kit registers its tests with. The kit is a library that runs
 * inside a jest test file: it reads jest's globals at call time instead of importing jest, so
 * `@mti/core` has no runtime (or type) dependency on jest and a program that never calls the kit
 * never needs it.
 */
type Body = () => Promise<unknown> | void;

export interface JestGlobals {
  describe(title: string, body: () => void): void;
  it: ((title: string, body: Body, timeout?: number) => void) & { todo(title: string): void };
  beforeAll(body: Body, timeout?: number): void;
  afterAll(body: Body, timeout?: number): void;
  afterEach(body: Body, timeout?: number): void;
}

/** jest's globals, or a clear error when the kit is called outside a jest test file. */
export function jestGlobals(): JestGlobals {
  const found = globalThis as Partial<JestGlobals>;
  for (const name of ['describe', 'it', 'beforeAll', 'afterAll', 'afterEach'] as const) {
    if (typeof found[name] !== 'function') {
      throw new Error(
        `@mti/core/testing runs under jest: the global "${name}" is missing (call describeStorageContract from a jest test file, with injectGlobals on)`,
      );
    }
  }
  return found as JestGlobals;
}
