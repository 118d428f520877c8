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
