import { ElementError, ErrorCode } from '@mti/core';
import { hostnameOf } from './hostnameOf';
import { isLoopbackName } from './isLoopbackName';

export interface AccessRulesOptions {
  /** Host names accepted besides loopback (`--allow-host`), e.g. the machine's LAN name. */
  allowedHosts?: readonly string[];
  /** Other origins whose pages may call the gateway (`--allow-origin`); turns CORS on for them. */
  allowedOrigins?: readonly string[];
}

/** Normalises an origin as browsers send it: scheme://host[:port], lower-case, no path. */
function normalizeOrigin(origin: string): string | undefined {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '') return undefined;
  return url.origin;
}

/**
 * Which `Host` and `Origin` values the gateway answers. Host: loopback names, plus the allowed
 * ones — this is what stops DNS rebinding, where a hostile page's own name resolves to 127.0.0.1
 * and the browser sends that name as Host. Origin: absent (not a browser, or a same-origin
 * navigation), the gateway's own (`http://` + the Host the request came in on), or allowed.
 */
export class AccessRules {
  readonly #hosts: ReadonlySet<string>;
  readonly allowedOrigins: readonly string[];

  constructor(options: AccessRulesOptions = {}) {
    const hosts = new Set<string>();
    for (const host of options.allowedHosts ?? []) {
      const name = hostnameOf(host);
      if (name === undefined) {
        throw new ElementError({
          code: ErrorCode.INVALID_ARGUMENT,
          field: 'allowedHosts',
          message: `--allow-host "${host}" is not a host name`,
        });
      }
      hosts.add(name);
    }
    this.#hosts = hosts;
    this.allowedOrigins = (options.allowedOrigins ?? []).map((origin) => {
      const normalized = normalizeOrigin(origin);
      if (normalized === undefined) {
        throw new ElementError({
          code: ErrorCode.INVALID_ARGUMENT,
          field: 'allowedOrigins',
          message: `--allow-origin "${origin}" is not an origin (scheme://host[:port], no path)`,
        });
      }
      return normalized;
    });
  }

  /** Why the request is refused, or undefined when its Host and Origin are acceptable. */
  refusal(host: string | undefined, origin: string | undefined): string | undefined {
    const hostname = hostnameOf(host);
    if (hostname === undefined) return 'the request has no valid Host header';
    if (!isLoopbackName(hostname) && !this.#hosts.has(hostname)) {
      return `Host "${hostname}" is not served here: mti answers loopback names, and those given with --allow-host`;
    }
    if (origin === undefined) return undefined;
    const normalized = normalizeOrigin(origin);
    const own = normalizeOrigin(`http://${host}`);
    if (normalized !== undefined && (normalized === own || this.allowedOrigins.includes(normalized))) {
      return undefined;
    }
    return `Origin "${origin}" may not call this gateway: only its own pages and origins given with --allow-origin`;
  }
}
