#!/usr/bin/env node
'use strict';
// The `mti` command. A committed file rather than dist/bin.js, because package managers link a
// workspace's bins at install time, before `dist` is built: `pnpm exec mti` needs this to exist.
//
// Node's compile cache keeps V8's compiled code of the modules a command loads (in the OS temp
// folder, as TypeScript's own bin does), so a second `mti ls` compiles nothing again.
require('node:module').enableCompileCache?.();
const entry = require('node:path').join(__dirname, '../dist/bin.js');
if (!require('node:fs').existsSync(entry)) {
  process.stderr.write(`mti: ${entry} is missing: build the packages first (pnpm build in the mti repository)\n`);
  process.exit(1);
}
require(entry);
