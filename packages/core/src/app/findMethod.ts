/**
 * Looks a method up along a prototype chain without running getters (a getter on a prototype
 * would run with the prototype as `this`).
 */
export function findMethod(prototype: object | null, name: PropertyKey): boolean {
  for (let proto = prototype; proto !== null && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    if (descriptor !== undefined) return typeof descriptor.value === 'function';
  }
  return false;
}

// Per prototype: a Type's classes are evaluated afresh on every reload, so a new class is a new
// prototype and never meets a stale answer.
const known = new WeakMap<object, Map<string, boolean>>();

/** `findMethod`, remembered per prototype and name. */
export function isMethod(prototype: object, name: string): boolean {
  let names = known.get(prototype);
  if (names === undefined) {
    names = new Map();
    known.set(prototype, names);
  }
  let found = names.get(name);
  if (found === undefined) {
    found = findMethod(prototype, name);
    names.set(name, found);
  }
  return found;
}
