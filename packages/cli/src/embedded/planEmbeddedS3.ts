import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findElementFolders } from '@mti/loader';

export interface EmbeddedS3Plan {
  /** Buckets to create. */
  buckets: string[];
  /** Variable name → what it means: the endpoint, the key id, the secret, a bucket or a region. */
  variables: Map<string, { role: 'endpoint' | 'key' | 'secret' | 'region' } | { role: 'bucket'; bucket: string }>;
  /** Storage elements whose endPoint is written out, so the embedded server cannot serve them. */
  skipped: string[];
  /**
   * Storage elements that use the embedded endpoint but write a key out: the server accepts only
   * the key pair it makes for the run, so their requests will be refused.
   */
  writtenKeys: string[];
}

const reference = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}$/;

// S3's rules for new bucket names. A name outside them is not created: the server would refuse
// it, and a name such as "../x" must never become a folder outside the server's directory. The
// element's own config validation reports it.
const bucketName = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * Reads an app's business configs (as written, before `${…}` is resolved) to find the S3
 * settings it takes from the environment: any config with `endPoint` and `bucketName` is a
 * storage config. Those variables are what `--embedded-s3` fills in.
 */
export function planEmbeddedS3(appDir: string, env: Readonly<Record<string, string | undefined>>): EmbeddedS3Plan {
  const plan: EmbeddedS3Plan = { buckets: [], variables: new Map(), skipped: [], writtenKeys: [] };
  const buckets = new Set<string>();
  for (const folder of findElementFolders(appDir)) {
    const leaf = folder.split('/').pop() as string;
    const file = join(appDir, folder, `${leaf}.json`);
    if (!existsSync(file)) continue;
    let config: Record<string, unknown>;
    try {
      config = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch {
      continue; // `mti check` and the loader report it.
    }
    if (typeof config.endPoint !== 'string' || typeof config.bucketName !== 'string') continue;
    const endpoint = reference.exec(config.endPoint);
    if (endpoint === null) {
      plan.skipped.push(folder.split('/').join('.'));
      continue;
    }
    plan.variables.set(endpoint[1] as string, { role: 'endpoint' });
    for (const [field, role] of [
      ['accessKeyId', 'key'],
      ['accessKeySecret', 'secret'],
      ['region', 'region'],
    ] as const) {
      const found = typeof config[field] === 'string' ? reference.exec(config[field]) : null;
      if (found !== null) plan.variables.set(found[1] as string, { role });
      else if (role !== 'region' && typeof config[field] === 'string')
        plan.writtenKeys.push(folder.split('/').join('.'));
    }
    const bucketRef = reference.exec(config.bucketName);
    let bucket: string;
    if (bucketRef === null) {
      bucket = config.bucketName;
    } else {
      const name = bucketRef[1] as string;
      bucket = env[name] || bucketRef[2] || `mti-${leaf.toLowerCase().replace(/_/g, '-')}`;
      plan.variables.set(name, { role: 'bucket', bucket });
    }
    if (bucketName.test(bucket) && !bucket.includes('..')) buckets.add(bucket);
  }
  plan.buckets = [...buckets].sort();
  return plan;
}
