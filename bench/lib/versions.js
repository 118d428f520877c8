'use strict';
const { existsSync, readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

/** The version of `name` that a module in `from` would load (package.json found as Node would). */
function versionOf(name, from = __dirname) {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')).version;
    if (dirname(dir) === dir) return '?';
  }
}

/** The versions a run depends on, for the report. */
function versions() {
  const loader = dirname(require.resolve('@mti/loader/package.json'));
  return [
    ...['@aws-sdk/client-s3', '@aws-sdk/lib-storage', '@aws-sdk/s3-request-presigner', 'flydrive', 's3rver'].map(
      (name) => `${name} ${versionOf(name)}`,
    ),
    `chokidar ${versionOf('chokidar', loader)}`,
  ].join(', ');
}

module.exports = { versions };
