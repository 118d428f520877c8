/**
 * Container id of a Type's class. A string, not a symbol, on purpose: an app's override binds
 * under the very id the official Type uses, and every Instance resolves its class through it.
 */
export function typeToken(fullName: string): string {
  return `mti:type:${fullName}`;
}
