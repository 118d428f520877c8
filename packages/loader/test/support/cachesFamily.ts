/**
 * A second family, `caches.Meta` with an in-memory Type, as a team would publish it: a package
 * in the app's node_modules that `app.json` names. It imports nothing of storage, so an app built
 * from it shows whether anything outside storage's own files assumes storage.
 */
export const CACHES_PACKAGE = '@acme/mti-caches';

const source = `'use strict';
const { Element, z } = require('@mti/core');

class CacheMeta extends Element {
  static contract = ['get', 'set', 'delete'];
  static functions = {
    get: { params: ['key'] },
    set: { params: ['key', 'value'] },
    delete: { params: ['key'] },
  };
}

class MemoryCacheType extends CacheMeta {
  static configSchema = z.strictObject({ maxEntries: z.number().int().positive().default(100) });
  #entries = new Map();
  async get(key) {
    return this.#entries.has(key) ? this.#entries.get(key) : null;
  }
  async set(key, value) {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    // The oldest entry goes first once the cache is full.
    while (this.#entries.size > this.config.maxEntries) this.#entries.delete(this.#entries.keys().next().value);
    return { key, size: this.#entries.size };
  }
  async delete(key) {
    return { deleted: this.#entries.delete(key) };
  }
}

exports.registrations = [
  { fullName: 'caches.Meta', title: 'Cache', implementation: CacheMeta, source: '${CACHES_PACKAGE}' },
  { fullName: 'caches.MemoryType', title: 'In-memory cache', type: 'caches.Meta', implementation: MemoryCacheType, source: '${CACHES_PACKAGE}' },
];
`;

/** Files for `tempApp`: the package, `app.json` naming it, and one Instance, `caches.Sessions`. */
export function cachesFamilyFiles(maxEntries = 2): Record<string, string | object> {
  return {
    'app.json': { typePackages: [CACHES_PACKAGE] },
    [`node_modules/${CACHES_PACKAGE}/package.json`]: { name: CACHES_PACKAGE, version: '1.0.0', main: 'index.js' },
    [`node_modules/${CACHES_PACKAGE}/index.js`]: source,
    'caches/Sessions/e.json': { title: 'Sessions', type: 'caches.MemoryType' },
    'caches/Sessions/Sessions.json': { maxEntries },
  };
}
