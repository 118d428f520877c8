// Loads this app against an embedded s3rver and shows the override and the new Type at work.
'use strict';

const { startEmbeddedS3 } = require('@mti/cli');
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
  const embedded = await startEmbeddedS3(__dirname);
  const env = embedded.env;
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
    // Data stays in .mti between runs, and the archive is write-once: a new key per run.
    const frozen = `2026/q4-${Date.now()}.csv`;
    await archive.uploadByFile(frozen, 'frozen copy', 'text/csv');
    await archive
      .uploadByFile(frozen, 'again')
      .catch((error) => console.log(`Archive refuses a second write: ${error.code}: ${error.message}`));
    await archive.delete(frozen).catch((error) => console.log(`Archive refuses deletes: ${error.code}`));
  } finally {
    await app.close();
    await embedded.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
