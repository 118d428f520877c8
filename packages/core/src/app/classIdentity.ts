const ids = new WeakMap<object, number>();
let next = 1;

/** A number per class object, so a reloaded class (new object, same name) reads as changed. */
export function classIdentity(value: object | undefined): number {
  if (value === undefined) return 0;
  let id = ids.get(value);
  if (id === undefined) {
    id = next++;
    ids.set(value, id);
  }
  return id;
}
