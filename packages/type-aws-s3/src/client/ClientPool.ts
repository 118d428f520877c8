import { createHash } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import { s3 } from '../sdk/awsSdk';
import { type ClientSettings, s3ClientConfig } from './clientSettings';
import { requestHandler } from './requestHandler';

interface Pooled {
  client: S3Client;
  users: number;
}

/**
 * One S3 client per distinct connection settings, shared by every element that uses them, so
 * keep-alive sockets are reused across elements and reloads. The last release destroys it.
 */
export class ClientPool {
  readonly #clients = new Map<string, Pooled>();

  acquire(settings: ClientSettings): { client: S3Client; release: () => void } {
    // Hashed so the map never holds a secret in the clear.
    const id = createHash('sha256').update(JSON.stringify(settings)).digest('hex');
    let pooled = this.#clients.get(id);
    if (pooled === undefined) {
      pooled = { client: createClient(settings), users: 0 };
      this.#clients.set(id, pooled);
    }
    pooled.users++;
    const entry = pooled;
    let released = false;
    return {
      client: entry.client,
      release: () => {
        if (released) return;
        released = true;
        entry.users--;
        if (entry.users === 0) {
          this.#clients.delete(id);
          entry.client.destroy();
        }
      },
    };
  }

  /** How many clients are open; tests use it to prove nothing is left behind. */
  get size(): number {
    return this.#clients.size;
  }
}

function createClient(settings: ClientSettings): S3Client {
  return new (s3().S3Client)(s3ClientConfig(settings, requestHandler(settings)));
}

/** The process-wide pool the official Type uses. */
export const clientPool = new ClientPool();
