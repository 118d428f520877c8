import { randomBytes } from 'node:crypto';
import { ErrorCode } from '@mti/core';
import { GatewayError } from '../GatewayError';
import type { Disposition } from '../objectHeaders';

export interface Link {
  fullName: string;
  key: string;
  disposition: Disposition | undefined;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** Links alive at once; past it new ones are refused, so a client cannot fill the memory. */
const MAX_LINKS = 10_000;

/**
 * Short-lived links to objects, for what a browser fetches without an Authorization header
 * (`<img src>`, `<a download>`, an `<iframe>`). The id is 32 random bytes: guessing one is out
 * of reach, so holding it is the credential, for `lifetimeMs` and any number of GETs (media and
 * PDF viewers fetch in several requests). Kept in memory: a restart ends every link.
 */
export class LinkStore {
  readonly #links = new Map<string, Link>();
  readonly #lifetimeMs: number;

  constructor(lifetimeMs: number) {
    this.#lifetimeMs = lifetimeMs;
  }

  create(fullName: string, key: string, disposition: Disposition | undefined): { id: string; link: Link } {
    this.#prune();
    if (this.#links.size >= MAX_LINKS) {
      throw new GatewayError(
        ErrorCode.UNAVAILABLE,
        `${MAX_LINKS} links are alive; try again when some have expired`,
        503,
      );
    }
    const id = randomBytes(32).toString('base64url');
    const link: Link = { fullName, key, disposition, expiresAt: Date.now() + this.#lifetimeMs };
    this.#links.set(id, link);
    return { id, link };
  }

  /** The link, if it exists and has not expired. */
  find(id: string): Link | undefined {
    const link = this.#links.get(id);
    if (link === undefined) return undefined;
    if (link.expiresAt <= Date.now()) {
      this.#links.delete(id);
      return undefined;
    }
    return link;
  }

  #prune(): void {
    const now = Date.now();
    for (const [id, link] of this.#links) if (link.expiresAt <= now) this.#links.delete(id);
  }
}
