/**
 * The host name of a `Host` (or origin authority) value, lower-cased, without its port:
 * `Example.test:8080` → `example.test`, `[::1]:3000` → `::1`. Undefined when it is not one.
 */
export function hostnameOf(authority: string | undefined): string | undefined {
  if (authority === undefined) return undefined;
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]\s/@]+))(?::(\d{1,5}))?$/.exec(authority.trim());
  if (match === null) return undefined;
  return (match[1] ?? match[2] ?? '').toLowerCase();
}
