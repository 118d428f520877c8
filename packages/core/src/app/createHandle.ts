import { inspect } from 'node:util';
import type { ElementClass } from '../element/ElementClass';
import { ElementError } from '../errors/ElementError';
import { ErrorCode } from '../errors/ErrorCode';
import { isMethod } from './findMethod';
import type { Generation } from './Generation';
import { handToCaller } from './handedToCaller';

export interface Served {
  generation: Generation;
  implementation: ElementClass;
}

/**
 * A stable stand-in for an element. Each call looks the element up again, so a handle taken at
 * start-up follows every reload; a call that has started stays on the instance it started on.
 * Calls on an element that cannot serve reject with its error.
 *
 * The handle is an ordinary object whose prototype is a Proxy. The first read of a method name
 * goes through the Proxy, which finds the method on the element's class and pins one function
 * for it on the handle as an own, read-only property; every later `handle.method(…)` is then a
 * plain property read. Through the Proxy on every call, the handle cost about 1 % of small-object
 * throughput against a real server (docs/BENCHMARKS.md, finding 3). A pinned name stays a method
 * of the handle: if a reload's class no longer has it, calling it rejects with NOT_FOUND.
 */
export function createHandle<T>(fullName: string, serve: () => Served): T {
  const describe = (): string => `ElementHandle(${fullName})`;
  const call = (method: string, args: unknown[]): unknown => {
    let served: Served;
    let instance: Record<string, unknown>;
    try {
      served = serve();
      instance = served.generation.instance() as typeof instance;
    } catch (error) {
      return Promise.reject(error);
    }
    const fn = instance[method];
    if (typeof fn !== 'function') {
      // The function was taken before a reload changed the element's class.
      return Promise.reject(
        new ElementError({
          code: ErrorCode.NOT_FOUND,
          element: fullName,
          message: `${fullName} has no method "${method}" any more (its Type changed after this function was taken)`,
        }),
      );
    }
    let result: unknown;
    try {
      result = (fn as (...a: unknown[]) => unknown).apply(instance, args);
    } catch (error) {
      handToCaller(error);
      throw error;
    }
    return served.generation.track(result);
  };
  // One function per name, so a method read through an object that inherits from the handle (and
  // is therefore never pinned) is still the same function every time.
  const methods = new Map<string, (...args: unknown[]) => unknown>();
  const method = (name: string): ((...args: unknown[]) => unknown) => {
    let bound = methods.get(name);
    if (bound === undefined) {
      bound = (...args: unknown[]) => call(name, args);
      methods.set(name, bound);
    }
    return bound;
  };

  const lookup = new Proxy(Object.create(null) as object, {
    get(_target, property, receiver) {
      // Not thenable: `await app.getElement(...)` must yield the handle, not call into it.
      if (property === 'then') return undefined;
      if (property === inspect.custom || property === 'toString') return describe;
      if (property === 'toJSON') return () => ({ element: fullName });
      if (property === Symbol.toStringTag) return 'ElementHandle';
      if (typeof property === 'symbol') return undefined;
      let served: Served;
      try {
        served = serve();
      } catch (error) {
        return () => Promise.reject(error);
      }
      if (isMethod(served.implementation.prototype as object, property)) {
        const fn = method(property);
        if (receiver === handle) {
          Object.defineProperty(handle, property, { value: fn, writable: false, enumerable: false });
        }
        return fn;
      }
      return Reflect.get(served.generation.instance(), property);
    },
    set(_target, property) {
      throw new TypeError(`cannot set "${String(property)}" on ${describe()}: handles are read-only`);
    },
  });
  const handle = Object.create(lookup) as object;
  return handle as T;
}
