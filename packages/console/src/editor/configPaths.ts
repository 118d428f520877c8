/** Reading and writing a field of the config by its dotted path (`multipart.partSizeMiB`). */

export type Doc = Record<string, unknown>;

const isObject = (value: unknown): value is Doc => typeof value === 'object' && value !== null && !Array.isArray(value);

export function getAt(doc: Doc, path: string[]): unknown {
  let current: unknown = doc;
  for (const part of path) {
    if (!isObject(current)) return undefined;
    current = current[part];
  }
  return current;
}

/** A copy with the field set, or removed when `value` is undefined; emptied objects go too. */
export function setAt(doc: Doc, path: string[], value: unknown): Doc {
  const [head, ...rest] = path;
  if (head === undefined) return doc;
  const copy: Doc = { ...doc };
  if (rest.length === 0) {
    if (value === undefined) delete copy[head];
    else copy[head] = value;
    return copy;
  }
  const child = setAt(isObject(copy[head]) ? copy[head] : {}, rest, value);
  if (Object.keys(child).length === 0) delete copy[head];
  else copy[head] = child;
  return copy;
}

/**
 * `${VAR}` alone: the value is read from the environment, not the file. `${VAR:-default}` is not
 * one: its default is written to the file, and is the secret whenever VAR is unset.
 */
export const isReference = (value: unknown): boolean =>
  typeof value === 'string' && /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(value);

/** Any `${…}` in a string: its final value is only known on the server. */
export const hasReference = (value: unknown): boolean => typeof value === 'string' && value.includes('${');

export { isObject };
