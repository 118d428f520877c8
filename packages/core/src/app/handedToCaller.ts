// Weak: an error is remembered only as long as something still holds it.
const handed = new WeakSet<object>();

/**
 * Remembers that `error` was given to the code that called an element: a call on a handle threw
 * it or rejected with it. From then on it is the caller's to handle, so the loader, which takes
 * errors escaping from Type code onto itself, leaves one the caller let go unhandled to Node like
 * any other error of the host's (an `await` of a failing call in a function nobody catches).
 */
export function handToCaller(error: unknown): void {
  if ((typeof error === 'object' || typeof error === 'function') && error !== null) handed.add(error);
}

/** Whether a call on a handle threw `error` or rejected with it. */
export function wasHandedToCaller(error: unknown): boolean {
  return (typeof error === 'object' || typeof error === 'function') && error !== null && handed.has(error);
}
