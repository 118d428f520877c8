// secret-forms.js: reads secret values, one a line, on stdin, and prints every form each can
// take in an error or a log (itself, URL-encoded, base64, hex; see core's secretForms), one a
// line. Values come on stdin, not as arguments, so they never show in a process listing.
// Needs the built packages (`pnpm build`), as the scan runs after the test suite.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { secretForms } = require(join(__dirname, '../packages/core/dist/testing/index.js'));

const secrets = readFileSync(0, 'utf8').split('\n').filter(Boolean);
process.stdout.write(secrets.flatMap((secret) => secretForms(secret).map((form) => `${form}\n`)).join(''));
