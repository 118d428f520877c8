/**
 * Names that only ever mean this machine: `localhost` and `*.localhost` (browsers resolve them
 * to loopback themselves, RFC 6761), 127.0.0.0/8 and ::1. A DNS-rebinding page can never make a
 * browser send one of these as `Host` for its own origin, which is why they are safe to accept.
 */
export function isLoopbackName(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    hostname === '::1' ||
    /^127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(hostname)
  );
}
