// Loads this app against an embedded s3rver and shows the override and the new Type at work.
'use strict';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const S3rver = require('s3rver');
const { loadApp } = require('@mti/loader');

/** Prints audit lines; the rest stays quiet. */
const logger = {
  debug() {},
  info(fields, message) {
    if (fields && fields.audit) console.log(`  [audit] ${message}`);
  },
  warn(fields, message) {
    console.warn(message ?? fields);
  },
  error(fields, message) {
    console.error(message ?? fields);
  },
  child() {
    return logger;
  },
};

async function main() {
  const data = mkdtempSync(join(tmpdir(), 'mti-custom-'));
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: data,
    configureBuckets: [{ name: 'mti-custom', configs: [] }],
  });
  const { port } = await server.run();
  const env = {
    ...process.env,
    S3_ENDPOINT: `http://127.0.0.1:${port}`,
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_ACCESS_KEY_SECRET: 'S3RVER',
  };
  const app = await loadApp(__dirname, { env, logger });
  try {
    for (const e of app.listElements()) {
      console.log(
        `${e.kind.padEnd(8)} ${e.fullName.padEnd(26)} ${e.status}${e.overrides ? ` (overrides ${e.overrides})` : ''}${e.error ? `: ${e.error.message}` : ''}`,
      );
    }
    const reports = app.getElement('storages.Reports');
    const uploaded = await reports.uploadByFile('2026/q4.csv', 'region,total\neu,42\n', 'text/csv');
    console.log(`Reports stored "${uploaded.key}" at ${uploaded.url}`);

    const archive = app.getElement('storages.Archive');
    await archive.uploadByFile('2026/q4.csv', 'frozen copy', 'text/csv');
    await archive
      .uploadByFile('2026/q4.csv', 'again')
      .catch((error) => console.log(`Archive refuses a second write: ${error.code}: ${error.message}`));
    await archive.delete('2026/q4.csv').catch((error) => console.log(`Archive refuses deletes: ${error.code}`));
  } finally {
    await app.close();
    await server.close();
    rmSync(data, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
