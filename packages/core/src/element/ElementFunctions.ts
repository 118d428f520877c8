/**
 * The functions an element offers to callers outside the process (the HTTP gateway, `mti call`):
 * name → parameter names, optional ones ending in `?`. Declared as a static on a Type or Meta
 * class; subclasses add to what they inherit. Anything not listed is not callable from outside.
 */
export type ElementFunctions = Readonly<Record<string, { readonly params: readonly string[] }>>;

export interface ElementFunction {
  name: string;
  params: readonly string[];
  /** Required arguments. */
  min: number;
  /** All arguments. */
  max: number;
}
