import { inspect } from 'node:util';
import type { ElementClass } from '../element/ElementClass';
import { isMethod } from './findMethod';
import type { Generation } from './Generation';

export interface Served {
  generation: Generation;
  implementation: ElementClass;
}

/**
 * A stable stand-in for an element. Each call looks the element up again, so a handle taken at
 * start-up follows every reload; a call that has started stays on the instance it started on.
 * Calls on an element that cannot serve reject with its error.
 */
export function createHandle<T>(fullName: string, serve: () => Served): T {
  const describe = (): string => `ElementHandle(${fullName})`;
  // One function per method name, made on first use: `handle.download(…)` fetches the method on
  // every call, and a fresh closure plus a prototype walk each time showed in small-object
  // throughput (docs/BENCHMARKS.md, finding 3). Each call still looks the element up again.
  const methods = new Map<string, (...args: unknown[]) => unknown>();
  const method = (name: string): ((...args: unknown[]) => unknown) => {
    let bound = methods.get(name);
    if (bound === undefined) {
      bound = (...args: unknown[]) => call(name, args);
      methods.set(name, bound);
    }
    return bound;
  };
  const call = (method: string, args: unknown[]): unknown => {
    let served: Served;
    let instance: Record<string, (...a: unknown[]) => unknown>;
    try {
      served = serve();
      instance = served.generation.instance() as typeof instance;
    } catch (error) {
      return Promise.reject(error);
    }
    return served.generation.track(instance[method]?.(...args));
  };
  // util.inspect looks at a Proxy's target without running traps, so the target carries the
  // description itself.
  const target = Object.create(null) as object;
  Object.defineProperty(target, inspect.custom, { value: describe });
  return new Proxy(target, {
    get(_target, property) {
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
      if (isMethod(served.implementation.prototype as object, property)) return method(property);
      return Reflect.get(served.generation.instance(), property);
    },
    set(_target, property) {
      throw new TypeError(`cannot set "${String(property)}" on ${describe()}: handles are read-only`);
    },
  }) as T;
}
